// Which project a document belongs to, decided by real paths and each project's own folder: on real folders with a
// symlink, as `npm start` links the extension (and its samples) to the workspace.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boundProjects, folderHolds, innermostPlace } from '../../../src/core/projectHome';
import type { SyncRecord } from '../../../src/core/syncState';
import type { LabelingProject } from '../../../src/labeling/projects';
import { ProjectHomes } from '../../../src/labeling/projectHomes';

const local = 'local';

function record(projectName: string, at: string, connectionId = local): SyncRecord {
  return { connectionId, connectionName: connectionId, projectName, op: 'push', at, labelsHash: 'h' };
}

describe('the project of a document (core)', () => {
  it('a folder holds what is inside it, not a sibling whose name starts the same', () => {
    assert.equal(folderHolds('/ws/loans', '/ws/loans/01.txt'), true);
    assert.equal(folderHolds('/ws/loans', '/ws/loans-old/01.txt'), false);
    assert.equal(folderHolds('/ws/loans', '/ws/loans'), false);
    assert.equal(folderHolds('/ws/loans', '/ws/loans', true), true);
  });

  it('takes the innermost place', () => {
    const places = [
      { key: 'a', name: 'Outer', folder: '/ws/a' },
      { key: 'b', name: 'Inner', folder: '/ws/a/b' },
    ];
    assert.equal(innermostPlace('/ws/a/b/c.txt', places)?.name, 'Inner');
    assert.equal(innermostPlace('/ws/a/c.txt', places)?.name, 'Outer');
    assert.equal(innermostPlace('/ws/c.txt', places), undefined);
  });

  it('binds a workspace project to what it was synced with, last first, then to a local project in its folder', () => {
    const records = [record('Old', '2026-01-01T00:00:00Z', 'azure'), record('Tickets', '2026-02-01T00:00:00Z')];
    assert.deepEqual(boundProjects(records, '/ws/t', [{ projectName: 'Samples', containerFolder: '/ws/t' }], local), [
      { connectionId: local, projectName: 'Tickets' },
      { connectionId: 'azure', projectName: 'Old' },
    ]);
    assert.deepEqual(boundProjects([], '/ws/t', [{ projectName: 'Samples', containerFolder: '/ws/t' }], local), [
      { connectionId: local, projectName: 'Samples' },
    ]);
    assert.deepEqual(boundProjects([], '/ws/t', [{ projectName: 'Root', containerFolder: '/ws' }], local), []);
  });
});

describe('ProjectHomes on real folders', () => {
  let root: string;
  let ws: string;
  let linkedSamples: string;
  let homes: ProjectHomes;

  const project = (folder: string, name: string, labelsName: string): LabelingProject =>
    ({
      labelsFile: join(folder, labelsName),
      folder,
      project: { file: { metadata: { projectName: name, projectKind: 'CustomSingleLabelClassification' } } },
      problems: [],
      onDisk: [],
    }) as unknown as LabelingProject;

  before(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'cts-homes-')));
    ws = join(root, 'ws');
    for (const dir of ['support-tickets', 'loan-agreements']) mkdirSync(join(ws, dir), { recursive: true });
    writeFileSync(join(ws, 'support-tickets', 't1.txt'), 'My invoice is wrong.');
    writeFileSync(join(ws, 'loan-agreements', '01.txt'), 'This loan agreement…');
    writeFileSync(join(ws, 'readme.md'), 'Notes');
    // The extension's samples folder is a link to the workspace, as in `npm start`.
    mkdirSync(join(root, 'extension'));
    linkedSamples = join(root, 'extension', 'samples');
    symlinkSync(ws, linkedSamples, 'dir');
    mkdirSync(join(root, 'elsewhere', 'movies'), { recursive: true });
    writeFileSync(join(root, 'elsewhere', 'movies', 'm1.txt'), 'A film.');

    const tickets = project(join(ws, 'support-tickets'), 'support-tickets', 'support-tickets.labels.json');
    const loans = project(join(ws, 'loan-agreements'), 'LoanAgreement', 'loanAgreementsLabels.json');
    const projects = [tickets, loans];
    homes = new ProjectHomes({
      labeling: {
        all: () => projects,
        ready: () => Promise.resolve(),
        get: (file) => projects.find((p) => p.labelsFile === file),
      },
      // support-tickets was pushed to Local before: its container is the workspace root.
      records: (file) => (file === tickets.labelsFile ? [record('support-tickets', '2026-12-01T00:00:00Z')] : []),
      localConnectionId: local,
      localProjects: () =>
        Promise.resolve([
          {
            projectName: 'support-tickets',
            projectKind: 'CustomSingleLabelClassification',
            storageInputContainerName: 'ws',
          },
          {
            projectName: 'LoanAgreement',
            projectKind: 'CustomEntityRecognition',
            storageInputContainerName: 'sample-loans',
          },
          {
            projectName: 'Movies',
            projectKind: 'CustomMultiLabelClassification',
            storageInputContainerName: 'sample-movies',
          },
        ]),
      containers: () => ({
        ws,
        'sample-loans': join(linkedSamples, 'loan-agreements'),
        'sample-movies': join(root, 'elsewhere', 'movies'),
      }),
      workspaceRoots: () => [ws],
    });
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('a loan agreement belongs to its own project, not to a project pushed from the workspace root', async () => {
    const home = await homes.of(join(ws, 'loan-agreements', '01.txt'));
    assert.equal(home?.name, 'LoanAgreement');
    assert.deepEqual(home.services, [{ connectionId: local, projectName: 'LoanAgreement' }]);
  });

  it('a new document in a project folder belongs to it, and to what it was pushed as', async () => {
    const home = await homes.of(join(ws, 'support-tickets', 'new ticket.txt'));
    assert.equal(home?.name, 'support-tickets');
    assert.deepEqual(home.services, [{ connectionId: local, projectName: 'support-tickets' }]);
    assert.equal((await homes.of(join(ws, 'support-tickets')))?.name, 'support-tickets', 'the folder itself');
  });

  it('the same document through the extension’s link finds the same project', async () => {
    const home = await homes.of(join(linkedSamples, 'loan-agreements', '01.txt'));
    assert.equal(home?.labelsFile, join(ws, 'loan-agreements', 'loanAgreementsLabels.json'));
  });

  it('a file at the workspace root belongs to no project, though a container is that folder', async () => {
    assert.equal(await homes.of(join(ws, 'readme.md')), undefined);
    assert.equal(await homes.of(ws), undefined);
    assert.deepEqual((await homes.inside(ws)).map((h) => h.name).sort(), ['LoanAgreement', 'support-tickets']);
  });

  it('a document in a local project’s own container (no labels file) belongs to that project', async () => {
    const home = await homes.of(join(root, 'elsewhere', 'movies', 'm1.txt'));
    assert.equal(home?.name, 'Movies');
    assert.equal(home.kind, 'CustomMultiLabelClassification');
    assert.deepEqual(home.services, [{ connectionId: local, projectName: 'Movies' }]);
  });

  it('finds the workspace project of a project on a service', async () => {
    const loans = await homes.workspaceProjectOf({ connectionId: local, projectName: 'LoanAgreement' });
    assert.equal(loans?.folder, join(ws, 'loan-agreements'));
    assert.equal(await homes.workspaceProjectOf({ connectionId: local, projectName: 'Movies' }), undefined);
  });
});

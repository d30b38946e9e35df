// The Labeling view's comparison with a service's copy, against the local service over real HTTP: asked once per
// state of the labels file, and each answer (agrees, differs, not there, not reachable) kept for that state.
import assert from 'node:assert/strict';
import { LanguageClient } from '../../../src/api/client';
import type { Connection } from '../../../src/core/connection';
import { parseLabelsFile } from '../../../src/core/labeling/parseLabels';
import { sha256 } from '../../../src/core/syncState';
import type { SyncRecord } from '../../../src/core/syncState';
import type { LabelingProject } from '../../../src/labeling/projects';
import { ServiceComparisons } from '../../../src/labeling/serviceComparisons';
import { runningService, singleLabelProject } from '../service/fixtures';

const LABELS_FILE = '/workspace/tickets/P.labels.json';

function projectOf(body: Record<string, unknown>): LabelingProject {
  const parsed = parseLabelsFile(JSON.stringify(body));
  assert.ok(parsed.ok);
  return {
    labelsFile: LABELS_FILE,
    folder: '/workspace/tickets',
    project: { file: parsed.file, eol: parsed.eol } as LabelingProject['project'],
    problems: [],
    onDisk: [],
    text: JSON.stringify(body),
  };
}

const record = (connectionId: string, projectName: string): SyncRecord => ({
  connectionId,
  connectionName: connectionId,
  projectName,
  op: 'push',
  at: '2026-12-02T10:42:00.000Z',
  labelsHash: sha256('then'),
});

describe('labeling: comparison with the service’s copy', () => {
  const running = runningService({ once: true });

  it('asks each synced connection once per state of the labels file and keeps what it answered', async () => {
    const service = running.service;
    const requests: string[] = [];
    const client = new LanguageClient({
      endpoint: service.endpoint,
      credential: { key: service.key },
      poll: { initialIntervalMs: 20, maxIntervalMs: 50 },
      onRequest: (e) => requests.push(`${e.method} ${new URL(e.url).pathname}`),
    });
    assert.equal((await client.importProjectAndWait(exported(singleLabelProject('P', 'docs')))).status, 'succeeded');
    const connections: Record<string, Connection> = {
      same: { id: 'same', name: 'Same', endpoint: service.endpoint },
      gone: { id: 'gone', name: 'Gone', endpoint: service.endpoint },
      down: { id: 'down', name: 'Down', endpoint: 'http://127.0.0.1:9' },
    };
    const state: Record<string, SyncRecord[]> = {
      [LABELS_FILE]: [record('same', 'P'), record('gone', 'NotThere'), record('down', 'P')],
    };
    let changes = 0;
    let changed: () => void = () => undefined;
    const comparisons = new ServiceComparisons({
      records: (labelsFile) => state[labelsFile] ?? [],
      connection: (id) => connections[id],
      client: (connection) =>
        Promise.resolve(
          connection.id === 'down'
            ? new LanguageClient({ endpoint: connection.endpoint, credential: { key: 'k' }, retry: { maxRetries: 0 } })
            : client,
        ),
      asInWorkspace: (_connection, project) => project,
      onChange: () => {
        changes += 1;
        changed();
      },
    });
    const settled = (count: number): Promise<void> =>
      new Promise((resolve) => {
        changed = () => {
          if (changes >= count) resolve();
        };
        changed();
      });

    const workspace = projectOf(singleLabelProject('P', 'docs'));
    assert.equal(comparisons.get(workspace, 'same'), undefined, 'nothing known before it is asked');
    comparisons.check(workspace);
    comparisons.check(workspace); // A second expand while the first is out asks nothing more.
    await settled(3);
    assert.deepEqual(comparisons.get(workspace, 'same'), { kind: 'agrees' });
    assert.deepEqual(comparisons.get(workspace, 'gone'), { kind: 'absent' });
    const down = comparisons.get(workspace, 'down');
    assert.ok(down?.kind === 'unknown');
    assert.match(down.reason, /Cannot reach the endpoint/);
    const exports = requests.filter((r) => r.endsWith(':export')).length;
    assert.equal(exports, 2, 'one export per reachable connection');

    comparisons.check(workspace); // Same state: the answers stand.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(requests.filter((r) => r.endsWith(':export')).length, exports);
    assert.equal(changes, 3);

    // One document moves to the other class: a new state of the file, asked again.
    const body = singleLabelProject('P', 'docs') as { assets: { documents: { location: string; class: object }[] } };
    body.assets.documents[0]!.class = { category: 'food' };
    const edited = projectOf(body);
    assert.equal(comparisons.get(edited, 'same'), undefined, 'an answer holds for the state it was made for');
    comparisons.check(edited);
    await settled(6);
    assert.deepEqual(comparisons.get(edited, 'same'), { kind: 'differs', documents: 0, labels: 1 });

    comparisons.clear();
    assert.equal(comparisons.get(edited, 'same'), undefined, 'a push or pull starts over');
  });
});

function exported(body: Record<string, unknown>): Parameters<LanguageClient['importProjectAndWait']>[0] {
  return body as Parameters<LanguageClient['importProjectAndWait']>[0];
}

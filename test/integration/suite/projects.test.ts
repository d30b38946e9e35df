// Import a labels file from the workspace into the local service, train on it, and export it back.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TrainingJobState } from '../../../src/contract/job';
import { exportedProjectSchema } from '../../../src/contract/labels';
import { CommandId } from '../../../src/commands/ids';
import type { TestApi } from '../../../src/extension';
import {
  activateExtension,
  confirm,
  findConnection,
  input,
  labels,
  openFile,
  runWith,
  saveFile,
  trainAnswers,
} from './helpers';

suite('Import and export projects (commands)', () => {
  let api: TestApi;
  let workspace: string;
  const out = mkdtempSync(join(tmpdir(), 'cts-export-'));

  suiteSetup(async () => {
    api = await activateExtension();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    workspace = folder.uri.fsPath;
  });
  suiteTeardown(() => {
    rmSync(out, { recursive: true, force: true });
  });

  test('imports a labels file from a workspace subfolder, then trains on it', async () => {
    const local = await findConnection(api, 'Local');
    const labelsFile = join(workspace, 'support-tickets', 'labels.json');
    const name = await runWith<string>(
      api,
      [openFile('labels file', labelsFile), input('project name', 'SupportTickets')],
      CommandId.importProject,
      local,
    );
    assert.equal(name, 'SupportTickets');
    const projects = await api.tree.getChildren(local);
    const tickets = projects.find((_, i) => labels(api, projects)[i] === 'SupportTickets');
    assert.ok(tickets, 'the imported project is in the tree');
    // ("N documents · M classes · " comes first once its tooltip was shown: a pointer resting on the tree does that.)
    assert.match(String(api.tree.getTreeItem(tickets).description), /(^|· )en-us · Support tickets/);

    // Its documents are read from the workspace: training with the file's own Train/Test split works.
    const job = await runWith<TrainingJobState>(api, trainAnswers('tickets1', 'manual'), CommandId.trainModel, tickets);
    assert.equal(job?.status, 'succeeded');

    // Importing the same file again replaces the project once confirmed; the old arguments skip nothing.
    const declined = await runWith<string>(
      api,
      [
        openFile('labels file', labelsFile),
        input('project name', 'SupportTickets'),
        confirm('has a project “SupportTickets” already', undefined),
      ],
      CommandId.importProject,
      local,
      { file: labelsFile, confirm: false },
    );
    assert.equal(declined, undefined, 'cancelled at the question: nothing is replaced');
    const again = await runWith<string>(
      api,
      [
        openFile('labels file', labelsFile),
        input('project name', 'SupportTickets'),
        confirm('has a project “SupportTickets” already', 'Replace'),
      ],
      CommandId.importProject,
      local,
    );
    assert.equal(again, 'SupportTickets');
    assert.equal(labels(api, await api.tree.getChildren(local)).filter((l) => l === 'SupportTickets').length, 1);
  });

  test('exports a project whole, with its documents placed in the workspace container', async () => {
    const local = await findConnection(api, 'Local');
    const projects = await api.tree.getChildren(local);
    const tickets = projects.find((_, i) => labels(api, projects)[i] === 'SupportTickets');
    const file = join(out, 'SupportTickets.json');
    assert.equal(await runWith(api, [saveFile('Export SupportTickets', file)], CommandId.exportProject, tickets), file);
    const exported = exportedProjectSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const original = exportedProjectSchema.parse(
      JSON.parse(readFileSync(join(workspace, 'support-tickets', 'labels.json'), 'utf8')),
    );
    assert.equal(exported.metadata.storageInputContainerName, 'workspace');
    assert.deepEqual(
      exported.assets?.documents.map((d) => d.location),
      original.assets?.documents.map((d) => `support-tickets/${d.location}`),
    );
    assert.deepEqual(readdirSync(out), ['SupportTickets.json'], 'no temporary file is left behind');
    rmSync(file);
  });

  test('a file that is not a labels file is refused with the reason, and nothing is imported', async () => {
    const local = await findConnection(api, 'Local');
    const before = labels(api, await api.tree.getChildren(local));
    const name = await runWith<string>(
      api,
      [openFile('labels file', join(workspace, 'support-tickets', 'not-labels.json'))],
      CommandId.importProject,
      local,
    );
    assert.equal(name, undefined);
    assert.match(api.logText(), /not-labels\.json is not a labels file in the import format at stringIndexType/);
    assert.deepEqual(labels(api, await api.tree.getChildren(local)), before);

    // The local service reads documents from workspace folders only: a file elsewhere gets the way out.
    const outside = join(out, 'labels.json');
    copyFileSync(join(workspace, 'support-tickets', 'labels.json'), outside);
    assert.equal(await runWith(api, [openFile('labels file', outside)], CommandId.importProject, local), undefined);
    assert.match(
      api.logText(),
      /labels\.json is outside the workspace\. The local service reads documents from workspace folders/,
    );
  });
});

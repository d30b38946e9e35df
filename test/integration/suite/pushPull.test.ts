// Push a workspace project to a connection whose documents live in blob storage, and pull it back: Azurite (the
// Azure Storage emulator) holds the blobs, and a local service started with a Blob endpoint reads them as Azure
// reads the storage account linked to a Language resource. Storage faults come from a proxy in front of Azurite.
import * as assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient } from '../../../src/api/client';
import { CommandId } from '../../../src/commands/ids';
import type { PushResult } from '../../../src/commands/pushPull';
import { serializeLabelsFile } from '../../../src/core/labeling/canonical';
import { parseLabelsFile } from '../../../src/core/labeling/parseLabels';
import type { TestApi } from '../../../src/extension';
import type { LocalService } from '../../../src/service/server';
import type { Node } from '../../../src/tree/nodes';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, startServiceOnBlobs } from '../../azurite';
import type { Azurite, BlobBackedService } from '../../azurite';
import { startFaultProxy } from '../../faultProxy';
import type { FaultProxy } from '../../faultProxy';
import { screenshot } from './driver';
import {
  activateExtension,
  addConnectionAnswers,
  confirm,
  connectionNodes,
  deployAnswers,
  findConnection,
  input,
  labels,
  openFile,
  pick,
  removeConnection,
  runWith,
  trainAnswers,
  waitFor,
} from './helpers';

const REPO = join(__dirname, '..', '..', '..', '..');
const CONNECTION = 'Blob Azure';

suite('Push and pull a workspace project (documents in Azurite)', () => {
  let api: TestApi;
  let azurite: Azurite;
  let proxy: FaultProxy;
  let backed: BlobBackedService;
  let service: LocalService;
  let folder: string;
  let labelsFile: string;
  const fresh = mkdtempSync(join(tmpdir(), 'cts-pull-'));

  suiteSetup(async function () {
    this.timeout(120_000);
    api = await activateExtension();
    azurite = await startAzurite(REPO);
    proxy = await startFaultProxy(azurite.accountUrl);
    backed = await startServiceOnBlobs(azurite.accountUrl);
    service = backed.service;
    // A workspace project: the support tickets, as the extension writes a labels file (canonical form).
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'the test workspace is open');
    folder = join(workspace, 'pushed-tickets');
    mkdirSync(folder, { recursive: true });
    const source = join(workspace, 'support-tickets');
    for (const name of [
      'billing 1.txt',
      'billing 2.txt',
      'billing 3.txt',
      'technical 1.txt',
      'technical 2.txt',
      'technical 3.txt',
    ])
      cpSync(join(source, name), join(folder, name));
    const parsed = parseLabelsFile(readFileSync(join(source, 'labels.json'), 'utf8'));
    assert.ok(parsed.ok);
    const file = {
      ...parsed.file,
      metadata: { ...parsed.file.metadata, projectName: 'PushedTickets', storageInputContainerName: 'pushed-tickets' },
    };
    labelsFile = join(folder, 'PushedTickets.labels.json');
    writeFileSync(labelsFile, serializeLabelsFile(file));
    const labeling = await api.labeling();
    await waitFor('the Labeling view to find the project', () => labeling.get(labelsFile)?.project);
  });
  suiteTeardown(async () => {
    // Later suites see the workspace and the connections as they were.
    const connection = (await connectionNodes(api)).find((n) => n.connection.name === CONNECTION);
    if (connection !== undefined) await removeConnection(api, connection);
    const local = await api.localService();
    const localClient = new LanguageClient({ endpoint: local.endpoint, credential: { key: local.key } });
    if ((await localClient.listProjects()).some((p) => p.projectName === 'PushedTickets'))
      await localClient.deleteProjectAndWait('PushedTickets');
    await vscode.commands.executeCommand(CommandId.refresh);
    rmSync(folder, { recursive: true, force: true });
    await backed.close();
    await proxy.close();
    await azurite.stop();
    rmSync(fresh, { recursive: true, force: true });
  });

  const projectNode = { kind: 'labelingProject', labelsFile: '' };
  const push = (answers: Parameters<typeof runWith>[1]): Promise<PushResult | undefined> =>
    runWith<PushResult>(api, answers, CommandId.pushProject, { ...projectNode, labelsFile });
  const storageAnswers = (): Parameters<typeof runWith>[1] => [
    input('blob endpoint', `${proxy.url}/${AZURITE_ACCOUNT}`),
    pick('sign in with', 'Account key'),
    input('account key', AZURITE_KEY),
  ];

  async function child(parent: Node | undefined, label: string): Promise<Node> {
    const children = await api.tree.getChildren(parent);
    const found = children.find((_, i) => labels(api, children)[i] === label);
    assert.ok(found, `“${label}” is in the tree (found ${labels(api, children).join(', ')})`);
    return found;
  }

  test('pushes, trains, deploys, analyzes; one edit pushes one upload; pull into a fresh folder is byte-identical', async function () {
    this.timeout(180_000);
    const added = await runWith<string>(
      api,
      addConnectionAnswers(CONNECTION, service.endpoint, service.key),
      CommandId.addConnection,
    );
    assert.ok(added, 'the connection is saved');

    // First push: the storage account is asked once; every document is uploaded, the container made.
    const first = await push([pick('Push PushedTickets.labels.json to', CONNECTION), ...storageAnswers()]);
    assert.deepEqual(first, {
      projectName: 'PushedTickets',
      container: 'pushed-tickets',
      uploaded: 6,
      unchanged: 0,
      documents: 6,
      sent: true,
    });

    const connection = await findConnection(api, CONNECTION);
    const project = await child(connection, 'PushedTickets');
    const job = await runWith<{ status: string }>(api, trainAnswers('m1', 'manual'), CommandId.trainModel, project);
    assert.equal(job?.status, 'succeeded', 'trained on the documents read from blob storage');
    const models = await child(project, 'Models');
    const deployed = await runWith<string>(
      api,
      await deployAnswers(api, await child(project, 'Deployments'), 'prod'),
      CommandId.deployModel,
      await child(models, 'm1'),
    );
    assert.equal(deployed, 'prod');
    const client = new LanguageClient({ endpoint: service.endpoint, credential: { key: service.key } });
    const analyzed = await client.runtime.analyze(
      [{ id: '1', text: readFileSync(join(folder, 'billing 1.txt'), 'utf8') }],
      [{ kind: 'CustomSingleLabelClassification', projectName: 'PushedTickets', deploymentName: 'prod' }],
    );
    assert.equal(analyzed.tasks[0]?.documents[0]?.classes?.length, 1);

    // The view says the workspace copy is what Blob Azure has.
    const description = (): string => {
      const item = api.labelingTree.getTreeItem({ kind: 'labelingProject', labelsFile }) as vscode.TreeItem;
      return String(item.description);
    };
    assert.match(description(), /Blob Azure: in sync, pushed \d\d:\d\d/);
    // Expanded, the project is compared with the service's exported copy.
    const compared = async (expected: RegExp): Promise<void> => {
      await api.labelingTree.getChildren({ kind: 'labelingProject', labelsFile });
      await waitFor(`the view to say ${expected.source}`, () => (expected.test(description()) ? true : undefined));
    };
    await compared(/Blob Azure: agrees, pushed \d\d:\d\d/);

    // Edit one label and one document, then push again: one upload, and the changed labels are confirmed.
    const parsed = parseLabelsFile(readFileSync(labelsFile, 'utf8'));
    assert.ok(parsed.ok);
    const documents = parsed.file.assets?.documents ?? [];
    const edited = {
      ...parsed.file,
      assets: {
        ...parsed.file.assets,
        documents: documents.map((d) => (d.location === 'billing 3.txt' ? { ...d, dataset: 'Train' } : d)),
      },
    } as typeof parsed.file;
    writeFileSync(labelsFile, serializeLabelsFile(edited));
    writeFileSync(
      join(folder, 'technical 2.txt'),
      `${readFileSync(join(folder, 'technical 2.txt'), 'utf8')}The printer jams again.\n`,
    );
    await waitFor('the view to see the edit', () => (/changed since push/.test(description()) ? true : undefined));
    await compared(/Blob Azure: differs \(0 documents, 1 label\), pushed/);
    // The service still has what this labels file sent: replaced without a question.
    const second = await push([pick('Push PushedTickets.labels.json to', CONNECTION)]);
    assert.ok(second, 'the second push went through');
    assert.equal(second.uploaded, 1, 'only the edited document is uploaded');
    assert.equal(second.unchanged, 5);
    await waitFor('the view to say in sync', () =>
      /Blob Azure: in sync, pushed/.test(description()) ? true : undefined,
    );
    await compared(/Blob Azure: agrees, pushed/);
    await vscode.commands.executeCommand('customText.labeling.focus');
    await screenshot('push-pull-labeling-view');

    // A second writer changes the service's copy: the next push asks before replacing it, and Cancel keeps it.
    const theirs = await client.exportProjectAndWait('PushedTickets');
    const changed = {
      ...theirs,
      metadata: { ...theirs.metadata, description: 'Changed by another writer' },
    };
    await client.importProjectAndWait(changed);
    const refused = await push([
      pick('Push PushedTickets.labels.json to', CONNECTION),
      confirm('with other labels or settings'),
    ]);
    assert.equal(refused, undefined, 'nothing is pushed over the other writer without a yes');
    assert.equal((await client.getProject('PushedTickets')).description, 'Changed by another writer');
    await client.importProjectAndWait(theirs); // The other writer's change taken back, for the pull below.

    // Pull into a fresh folder: the same bytes, and the documents come along.
    const pulled = await runWith<string>(
      api,
      [openFile('into folder', fresh)],
      CommandId.pullProject,
      await child(connection, 'PushedTickets'),
    );
    assert.equal(pulled, join(fresh, 'PushedTickets.labels.json'));
    assert.equal(readFileSync(pulled, 'utf8'), readFileSync(labelsFile, 'utf8'), 'byte-identical labels file');
    assert.equal(
      readFileSync(join(fresh, 'technical 2.txt'), 'utf8'),
      readFileSync(join(folder, 'technical 2.txt'), 'utf8'),
    );
  });

  test('storage faults (403, 503, reset) say what to do, lose nothing, and the next push finishes', async function () {
    this.timeout(120_000);
    const before = readFileSync(labelsFile, 'utf8');
    writeFileSync(
      join(folder, 'billing 2.txt'),
      `${readFileSync(join(folder, 'billing 2.txt'), 'utf8')}Refund twice.\n`,
    );
    const again = [pick('Push PushedTickets.labels.json to', CONNECTION)];
    const faults: { rule: FaultProxy['rules'][number]; says: RegExp }[] = [
      {
        rule: { method: 'PUT', status: 403, code: 'AuthorizationPermissionMismatch', times: 1 },
        says: /Storage Blob Data Contributor role on the storage account 127\.0\.0\.1:\d+\/devstoreaccount1/,
      },
      { rule: { method: 'PUT', path: /billing%202/, status: 503, times: 10 }, says: /unavailable \(503\).*push again/ },
      { rule: { method: 'PUT', path: /billing%202/, reset: true, times: 10 }, says: /connection .* was dropped/ },
    ];
    for (const { rule, says } of faults) {
      proxy.rules = [rule];
      const result = await push(again);
      assert.equal(result, undefined, `the push stops on ${JSON.stringify(rule)}`);
      await waitFor(`the log to say ${String(says)}`, () => (says.test(api.logText()) ? true : undefined), 30_000);
      assert.equal(readFileSync(labelsFile, 'utf8'), before, 'the labels file is untouched');
    }
    proxy.rules = [];
    const finished = await push(again);
    assert.equal(finished?.uploaded, 1, 'the next push uploads what is still missing');
  });
  test('Push refuses a document that is a link out of the project, before uploading anything', async function () {
    this.timeout(60_000);
    const outside = mkdtempSync(join(tmpdir(), 'cts-outside-'));
    const doc = join(folder, 'billing 3.txt');
    const original = readFileSync(doc, 'utf8');
    writeFileSync(join(outside, 'secret.txt'), 'A secret that must not leave this machine.');
    rmSync(doc);
    symlinkSync(join(outside, 'secret.txt'), doc);
    const script = api.answers(pick('Push PushedTickets.labels.json to', CONNECTION));
    let pushed: unknown;
    try {
      pushed = await vscode.commands.executeCommand(CommandId.pushProject, { ...projectNode, labelsFile });
    } finally {
      script.done();
      rmSync(doc);
      writeFileSync(doc, original);
      rmSync(outside, { recursive: true, force: true });
    }
    assert.equal(pushed, undefined, 'nothing is pushed');
    const refusal = script.messages.find((m) => m.startsWith('Push refused'));
    assert.ok(refusal, `a refusal among ${script.messages.join(' | ')}`);
    assert.match(refusal, /billing 3\.txt leads outside its project folder \(to .*secret\.txt\) and is not read/);
  });

  test('Pull never writes through a folder that is a link out of the folder pulled into', async function () {
    this.timeout(120_000);
    const outside = mkdtempSync(join(tmpdir(), 'cts-outside-'));
    const linked = join(folder, '..', 'linked-tickets');
    const into = mkdtempSync(join(tmpdir(), 'cts-pull-linked-'));
    try {
      // A project with a document in a subfolder, pulled into a folder where that subfolder is a link out of it.
      mkdirSync(join(linked, 'out'), { recursive: true });
      const parsed = parseLabelsFile(readFileSync(labelsFile, 'utf8'));
      assert.ok(parsed.ok);
      for (const d of parsed.file.assets?.documents ?? [])
        cpSync(
          join(folder, d.location),
          join(linked, d.location === 'billing 1.txt' ? 'out/billing 1.txt' : d.location),
        );
      const moved = {
        ...parsed.file,
        metadata: {
          ...parsed.file.metadata,
          projectName: 'LinkedTickets',
          storageInputContainerName: 'linked-tickets',
        },
        assets: {
          ...parsed.file.assets,
          documents: (parsed.file.assets?.documents ?? []).map((d) =>
            d.location === 'billing 1.txt' ? { ...d, location: 'out/billing 1.txt' } : d,
          ),
        },
      } as typeof parsed.file;
      const linkedLabels = join(linked, 'LinkedTickets.labels.json');
      writeFileSync(linkedLabels, serializeLabelsFile(moved));
      const labeling = await api.labeling();
      await waitFor('the Labeling view to find the project', () => labeling.get(linkedLabels)?.project);
      const sent = await runWith<PushResult>(
        api,
        [pick('Push LinkedTickets.labels.json to', CONNECTION)],
        CommandId.pushProject,
        { ...projectNode, labelsFile: linkedLabels },
      );
      assert.equal(sent?.uploaded, 6);
      symlinkSync(outside, join(into, 'out'));
      const connection = await findConnection(api, CONNECTION);
      const pulled = await runWith<string>(
        api,
        [openFile('into folder', into)],
        CommandId.pullProject,
        await child(connection, 'LinkedTickets'),
      );
      assert.ok(!existsSync(join(outside, 'billing 1.txt')), 'nothing is written through the link');
      assert.equal(pulled, undefined, 'the pull stops');
      assert.deepEqual(readdirSync(into), ['out'], 'nothing is written at all');
      assert.match(
        api.logText(),
        /Pull stopped before writing anything: .*"out\/billing 1\.txt": its folder leads outside/,
      );
    } finally {
      for (const dir of [outside, linked, into]) rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Pull asks once before replacing documents edited here; Keep Both writes theirs beside mine', async function () {
    this.timeout(60_000);
    const technical = join(folder, 'technical 1.txt');
    const theirs = readFileSync(technical, 'utf8');
    const mine = `${theirs}Edited here, not pushed.\n`;
    const beside = join(folder, `technical 1 (from ${CONNECTION}).txt`);
    writeFileSync(technical, mine);
    try {
      const both = await runWith<string>(
        api,
        [pick('Pull PushedTickets from', CONNECTION), pick('edited here', 'Keep Both')],
        CommandId.pullProject,
        { ...projectNode, labelsFile },
      );
      assert.equal(both, labelsFile);
      assert.equal(readFileSync(technical, 'utf8'), mine, 'mine is kept');
      assert.equal(readFileSync(beside, 'utf8'), theirs, 'theirs is beside it');
    } finally {
      rmSync(beside, { force: true });
      writeFileSync(technical, theirs);
    }
  });

  test('pushes to Local (the workspace folder is its container), pulls back unchanged, and shows a diff before replacing own changes', async function () {
    this.timeout(120_000);
    const pushed = await push([pick('Push PushedTickets.labels.json to', 'Local')]);
    assert.equal(pushed?.uploaded, 0, 'nothing to upload: the local service reads the workspace folder');
    const before = readFileSync(labelsFile, 'utf8');
    const node = { ...projectNode, labelsFile };
    const pulled = await runWith<string>(api, [pick('Pull PushedTickets from', 'Local')], CommandId.pullProject, node);
    assert.equal(pulled, labelsFile);
    assert.equal(readFileSync(labelsFile, 'utf8'), before, 'the same bytes come back');
    // Expanded, the project is compared with Local's copy, whose document locations name the workspace folder.
    await api.labelingTree.getChildren({ kind: 'labelingProject', labelsFile });
    await waitFor('the view to compare the project with Local', () => {
      const item = api.labelingTree.getTreeItem({ kind: 'labelingProject', labelsFile }) as vscode.TreeItem;
      return /Local: agrees, pulled \d\d:\d\d/.test(String(item.description)) ? true : undefined;
    });

    // A change of its own since the pull: Pull shows the diff and asks; declining keeps the workspace copy.
    const parsed = parseLabelsFile(before);
    assert.ok(parsed.ok);
    const edited = serializeLabelsFile({
      ...parsed.file,
      metadata: { ...parsed.file.metadata, description: 'Edited in the workspace' },
    });
    writeFileSync(labelsFile, edited);
    const declined = await runWith<string>(
      api,
      [pick('Pull PushedTickets from', 'Local'), confirm('has changes of its own', undefined)],
      CommandId.pullProject,
      node,
    );
    assert.equal(declined, undefined);
    assert.equal(readFileSync(labelsFile, 'utf8'), edited, 'declined: nothing is lost');
    const diff = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputTextDiff);
    assert.ok(diff, 'the diff is open');
    await screenshot('push-pull-diff');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

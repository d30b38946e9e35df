import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../src/extension';
import { CommandId } from '../../../src/commands/ids';
import { startFixtureServer } from './fixtureServer';
import type { FixtureServer } from './fixtureServer';
import {
  activateExtension,
  addConnectionAnswers,
  confirm,
  connectionNodes,
  findConnection,
  input,
  labels,
  removeConnection,
  runWith,
  waitFor,
} from './helpers';
import { screenshot } from './driver';

suite('Connections tree', () => {
  let api: TestApi;
  const servers: FixtureServer[] = [];

  suiteSetup(async () => {
    api = await activateExtension();
  });

  suiteTeardown(async () => {
    // Leave the tree as the next suite expects it: only the Local connection.
    for (const node of await connectionNodes(api)) {
      if (!node.local) await removeConnection(api, node);
    }
    await Promise.all(servers.map((s) => s.close()));
  });

  /** Adds a connection as a user types it; one that fails its check is kept anyway, to show its node's error. */
  async function addConnection(name: string, endpoint: string, key: string, keep = true): Promise<void> {
    const id = await runWith<string>(api, addConnectionAnswers(name, endpoint, key, keep), CommandId.addConnection);
    assert.equal(typeof id, 'string', 'the add command returns the new connection id');
  }

  test('registers every contributed command', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of Object.values(CommandId)) assert.ok(all.includes(id), `${id} is registered`);
  });

  test('lists the projects of a connection across pages, with kind, language and description', async () => {
    const server = await startFixtureServer('ok');
    servers.push(server);
    await addConnection('Fixture resource', server.endpoint, server.key, false);
    // Add Connection checked it first, with one request for one page.
    assert.equal(server.requests.length, 1);
    const checked = server.requests.length;
    const connection = await findConnection(api, 'Fixture resource');
    const children = await api.tree.getChildren(connection);
    assert.deepEqual(labels(api, children), ['LoanAgreements', 'MoviesSummary']);
    const loan = api.tree.getTreeItem(children[0]!);
    assert.match(String(loan.description), /^en · This is a sample dataset/);
    assert.equal((loan.iconPath as vscode.ThemeIcon).id, 'symbol-key');
    assert.equal((api.tree.getTreeItem(children[1]!).iconPath as vscode.ThemeIcon).id, 'checklist');
    // The second page came from nextLink, and every request carried the key header.
    const listCalls = server.requests
      .slice(checked)
      .filter((r) => r.url.startsWith('/language/authoring/analyze-text/projects'));
    assert.equal(listCalls.length, 2);
    assert.ok(listCalls.every((r) => r.keyHeader === server.key && r.url.includes('api-version=2023-04-01')));

    await vscode.commands.executeCommand('workbench.view.extension.customText');
    const view = await waitFor('the tree view to show', () => (api.view.visible ? true : undefined));
    assert.ok(view);
    await revealWithRetry(api, children[0]!);
    await screenshot('tree-projects');
  });

  test('a wrong key shows an actionable error on the node, and the key never reaches the log', async () => {
    const server = await startFixtureServer('ok');
    servers.push(server);
    await addConnection('Wrong key', server.endpoint, 'not-the-key-123');
    const children = await api.tree.getChildren(await findConnection(api, 'Wrong key'));
    assert.equal(children.length, 1);
    const item = api.tree.getTreeItem(children[0]!);
    assert.match(labels(api, children)[0]!, /Access denied: check the connection’s key/);
    assert.match(
      String(item.description),
      /^HTTP 401 · request req-\d+$/,
      'the gateway code repeats the status: shown once',
    );
    assert.equal(item.command?.command, CommandId.showLog);
    const log = api.logText();
    assert.match(
      log,
      /GET http:\/\/127\.0\.0\.1:\d+\/language\/authoring\/analyze-text\/projects\?api-version=2023-04-01 → 401/,
    );
    assert.ok(!log.includes('not-the-key-123'), 'the log never contains the key');
  });

  test('an unreachable endpoint and a malformed body are named as such', async () => {
    const closed = await startFixtureServer('ok');
    await closed.close();
    await addConnection('Unreachable', closed.endpoint, 'k');
    const unreachable = await api.tree.getChildren(await findConnection(api, 'Unreachable'));
    assert.match(labels(api, unreachable)[0]!, /Cannot reach the endpoint: connection refused/);
    assert.match(labels(api, unreachable)[0]!, /Check the endpoint URL \(Edit Connection…\)/, 'and what to do');

    const malformed = await startFixtureServer('malformed');
    servers.push(malformed);
    await addConnection('Malformed', malformed.endpoint, malformed.key);
    const bad = await api.tree.getChildren(await findConnection(api, 'Malformed'));
    assert.match(labels(api, bad)[0]!, /Unexpected response from the service/);
  });

  test('a failing connection is asked once across whole-tree refreshes, and again when its own node is refreshed', async () => {
    const server = await startFixtureServer('ok');
    servers.push(server);
    await addConnection('Failing', server.endpoint, 'not-the-key-456');
    const asked = (): number => server.requests.length;
    const first = await api.tree.getChildren(await findConnection(api, 'Failing'));
    assert.match(labels(api, first)[0]!, /Access denied/);
    const afterFirst = asked();
    assert.ok(afterFirst > 0, 'the first load asks the server');
    for (let i = 0; i < 2; i++) {
      await vscode.commands.executeCommand(CommandId.refresh);
      const again = await api.tree.getChildren(await findConnection(api, 'Failing'));
      assert.match(labels(api, again)[0]!, /Access denied/, 'the node still shows the error');
    }
    assert.equal(asked(), afterFirst, 'whole-tree refreshes re-use the failure');
    const node = await findConnection(api, 'Failing');
    await vscode.commands.executeCommand(CommandId.refresh, node);
    assert.match(labels(api, await api.tree.getChildren(node))[0]!, /Access denied/);
    assert.ok(asked() > afterFirst, 'refreshing the node itself asks the server again');
  });

  test('removing a connection drops it from the tree and deletes its key', async () => {
    const server = await startFixtureServer('ok');
    servers.push(server);
    await addConnection('To remove', server.endpoint, server.key, false);
    const node = await findConnection(api, 'To remove');
    assert.equal(await removeConnection(api, node), true);
    const names = labels(api, await api.tree.getChildren());
    assert.ok(!names.includes('To remove'));
    assert.equal(await api.secretFor(node.connection.id), undefined);
  });

  test('no back door: { confirm: false } or an arguments object still asks, and Cancel changes nothing', async () => {
    const server = await startFixtureServer('ok');
    servers.push(server);
    await addConnection('Kept', server.endpoint, server.key, false);
    const node = await findConnection(api, 'Kept');
    // The confirmation is asked (the scripted answer is used up) and cancelled: the connection stays.
    const removed = await runWith<boolean>(
      api,
      [confirm('Remove the connection “Kept”', undefined)],
      CommandId.removeConnection,
      node,
      { confirm: false },
    );
    assert.equal(removed, false);
    assert.ok(labels(api, await api.tree.getChildren()).includes('Kept'));
    assert.equal(await api.secretFor(node.connection.id), server.key, 'its key is still stored');

    // What scripts once passed to skip the prompts is ignored: the first prompt comes, and Escape ends it.
    const before = (await connectionNodes(api)).length;
    const added = await runWith<string>(
      api,
      [input('Add Connection (1/4): endpoint', undefined)],
      CommandId.addConnection,
      { name: 'Scripted', endpoint: server.endpoint, key: server.key },
    );
    assert.equal(added, undefined);
    assert.equal((await connectionNodes(api)).length, before, 'nothing is added');
  });

  test('a question nobody expected fails the scripted answers with what was asked', async () => {
    const node = await findConnection(api, 'Kept');
    const script = api.answers();
    const removed = await vscode.commands.executeCommand<boolean>(CommandId.removeConnection, node);
    assert.equal(removed, undefined, 'the unexpected question ends the command');
    assert.throws(() => {
      script.done();
    }, /unexpected confirm “Remove the connection “Kept”/);
    const left = api.answers(confirm('never asked', 'Remove'));
    assert.throws(() => {
      left.done();
    }, /answers left over: confirm about never asked/);
    assert.ok(labels(api, await api.tree.getChildren()).includes('Kept'));
  });

  test('a node naming a saved connection with another endpoint never sends that connection’s key there', async () => {
    const real = await startFixtureServer('ok');
    const other = await startFixtureServer('ok');
    servers.push(real, other);
    await addConnection('Real', real.endpoint, real.key, false);
    const saved = await findConnection(api, 'Real');
    // What another extension could pass: the saved connection's id, with an endpoint of its own.
    const forged = { ...saved, id: 'forged', connection: { ...saved.connection, endpoint: other.endpoint } };
    const before = real.requests.length;
    await runWith(api, [confirm('Delete the project “LoanAgreements”', 'Delete Project')], CommandId.deleteProject, {
      kind: 'project',
      id: 'forged/p',
      connection: forged.connection,
      project: { projectName: 'LoanAgreements' },
    });
    assert.equal(other.requests.length, 0, 'nothing reached the other endpoint');
    assert.ok(
      real.requests.slice(before).some((r) => r.method === 'DELETE' && r.keyHeader === real.key),
      'the request went to the saved endpoint',
    );
  });
});

async function revealWithRetry(api: TestApi, node: Parameters<TestApi['view']['reveal']>[0]): Promise<void> {
  // The tree loads children asynchronously; reveal right after showing the view can miss them.
  await waitFor('the node to be revealed', async () => {
    try {
      await api.view.reveal(node, { select: true, focus: true, expand: true });
      return true;
    } catch {
      return undefined;
    }
  });
}

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commands/ids';
import { startProxy } from '../../proxyServer';
import { startFixtureServer } from './fixtureServer';
import {
  activateExtension,
  addConnectionAnswers,
  connectionNodes,
  findConnection,
  labels,
  removeConnection,
  runWith,
  waitFor,
} from './helpers';

suite('Behind a proxy (VS Code’s http settings)', () => {
  test('a connection’s requests go through http.proxy, and http.noProxy hosts are reached directly', async () => {
    const api = await activateExtension();
    const server = await startFixtureServer('ok');
    const proxy = await startProxy();
    const http = vscode.workspace.getConfiguration('http');
    const fixtureHost = new URL(server.endpoint).host;
    const projectsVia = async (): Promise<string[]> =>
      labels(api, await api.tree.getChildren(await findConnection(api, 'Proxied resource')));
    try {
      await http.update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
      await runWith(
        api,
        addConnectionAnswers('Proxied resource', server.endpoint, server.key),
        CommandId.addConnection,
      );
      assert.deepEqual(await projectsVia(), ['LoanAgreements', 'MoviesSummary']);
      assert.ok(proxy.tunnels.includes(fixtureHost), `tunnels: ${proxy.tunnels.join(', ')}`);

      await http.update('noProxy', ['127.0.0.1'], vscode.ConfigurationTarget.Global);
      const tunnelled = proxy.tunnels.length;
      const requests = server.requests.length;
      // The settings change reaches the extension as an event: wait until a listing no longer needs the proxy.
      await waitFor('a listing that bypasses the proxy', async () => {
        await projectsVia();
        return server.requests.length > requests && proxy.tunnels.length === tunnelled ? true : undefined;
      });
    } finally {
      await http.update('proxy', undefined, vscode.ConfigurationTarget.Global);
      await http.update('noProxy', undefined, vscode.ConfigurationTarget.Global);
      for (const node of await connectionNodes(api)) if (!node.local) await removeConnection(api, node);
      await proxy.close();
      await server.close();
    }
  });
});

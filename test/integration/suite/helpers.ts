import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../src/extension';
import type { Node } from '../../../src/tree/nodes';

export const extensionId = 'custom-text-studio.custom-text-studio';

export async function activateExtension(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi | undefined>(extensionId);
  assert.ok(ext, `extension ${extensionId} is installed`);
  const api = await ext.activate();
  assert.ok(api, 'the extension returns its test API when CUSTOM_TEXT_TEST=1');
  return api;
}

/** The tree's connection nodes, as VS Code would ask for them. */
export async function connectionNodes(api: TestApi): Promise<Extract<Node, { kind: 'connection' }>[]> {
  const roots = await api.tree.getChildren();
  return roots.filter((n): n is Extract<Node, { kind: 'connection' }> => n.kind === 'connection');
}

export async function findConnection(api: TestApi, name: string): Promise<Extract<Node, { kind: 'connection' }>> {
  const node = (await connectionNodes(api)).find((n) => n.connection.name === name);
  assert.ok(node, `connection ${name} is in the tree`);
  return node;
}

export function labels(api: TestApi, nodes: Node[]): string[] {
  return nodes.map((n) => {
    const label = api.tree.getTreeItem(n).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 10_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

import * as vscode from 'vscode';
import { z } from 'zod';
import type { ConnectionStore } from '../connections/connectionStore';
import { localConnectionId, validateEndpoint } from '../core/connection';
import { confirmed } from './confirm';
import { isNode } from './targets';

/** Arguments that let scripts and tests add a connection without prompts. */
const addConnectionArgsSchema = z.object({ name: z.string().min(1), endpoint: z.string(), key: z.string().min(1) });

export async function addConnection(store: ConnectionStore, args: unknown): Promise<string | undefined> {
  const given = addConnectionArgsSchema.safeParse(args);
  if (given.success) {
    const problem = validateEndpoint(given.data.endpoint);
    if (problem !== undefined) throw new Error(problem);
    return (await store.add(given.data.name, given.data.endpoint, given.data.key)).id;
  }
  const endpoint = await vscode.window.showInputBox({
    title: 'Add Connection (1/3): endpoint',
    prompt: 'The endpoint of your Language resource',
    placeHolder: 'https://my-resource.cognitiveservices.azure.com',
    ignoreFocusOut: true,
    validateInput: validateEndpoint,
  });
  if (endpoint === undefined) return undefined;
  const name = await vscode.window.showInputBox({
    title: 'Add Connection (2/3): name',
    prompt: 'A name for this connection in the tree',
    value: new URL(endpoint.trim()).hostname.split('.')[0],
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Enter a name' : undefined),
  });
  if (name === undefined) return undefined;
  const key = await vscode.window.showInputBox({
    title: 'Add Connection (3/3): key',
    prompt: 'A key of the resource (Keys and Endpoint in the Azure portal). It is kept in VS Code’s secret storage.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Enter the key' : undefined),
  });
  if (key === undefined) return undefined;
  return (await store.add(name, endpoint, key.trim())).id;
}

export async function removeConnection(store: ConnectionStore, node: unknown, options: unknown): Promise<boolean> {
  let id: string | undefined;
  let name: string | undefined;
  if (isNode(node, 'connection')) {
    id = node.connection.id;
    name = node.connection.name;
  } else {
    const picked = await vscode.window.showQuickPick(
      store.list().map((c) => ({ label: c.name, description: c.endpoint, id: c.id })),
      { title: 'Remove Connection', placeHolder: 'Connection to remove' },
    );
    id = picked?.id;
    name = picked?.label;
  }
  if (id === undefined || id === localConnectionId) return false;
  const question = `Remove the connection “${name ?? id}”? Its key is deleted from secret storage; the resource is not touched.`;
  if (!(await confirmed(question, 'Remove', options))) return false;
  await store.remove(id);
  return true;
}

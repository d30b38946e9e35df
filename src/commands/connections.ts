import * as vscode from 'vscode';
import { cognitiveServicesScope } from '../api/credentials';
import type { Credential, TokenCredential } from '../api/credentials';
import { checkConnection } from '../connections/check';
import type { ConnectionStore } from '../connections/connectionStore';
import type { Connection } from '../core/connection';
import { localConnectionId, signsIn, validateEndpoint } from '../core/connection';
import type { Prompter } from '../platform/prompter';
import { isNode } from './targets';

/** Cached bearer tokens for a scope, from the Microsoft sign-in. */
export type SignedIn = (scope: string) => TokenCredential;

/**
 * Asks for endpoint, name and how to sign in (a key, or Microsoft Entra ID), checks the connection, and saves it;
 * returns its id.
 */
export async function addConnection(
  store: ConnectionStore,
  prompter: Prompter,
  signedIn: SignedIn,
): Promise<string | undefined> {
  let draft: Draft | undefined;
  for (;;) {
    draft = await askDraft(prompter, draft);
    if (draft === undefined) return undefined;
    const credential = draft.key === undefined ? signedIn(cognitiveServicesScope) : { key: draft.key };
    const verdict = await checkOrAsk(prompter, 'Add Connection', draft.endpoint, credential);
    if (verdict === 'save') return (await store.add(draft.name, draft.endpoint, draft.key)).id;
    if (verdict === undefined) return undefined;
  }
}

/** A new endpoint and/or key for an Azure connection, checked before it is saved. */
export async function editConnection(
  store: ConnectionStore,
  prompter: Prompter,
  signedIn: SignedIn,
  node: unknown,
): Promise<boolean> {
  const connection = isNode(node, 'connection')
    ? node.connection
    : await pickAzureConnection(store, prompter, 'Edit Connection');
  if (connection === undefined || connection.id === localConnectionId) return false;
  let endpoint: string | undefined = connection.endpoint;
  if (signsIn(connection)) {
    // Nothing secret to change: the Microsoft sign-in stays.
    for (;;) {
      endpoint = await askEndpoint(prompter, `Edit “${connection.name}”: endpoint`, endpoint);
      if (endpoint === undefined) return false;
      const verdict = await checkOrAsk(prompter, 'Edit Connection', endpoint.trim(), signedIn(cognitiveServicesScope));
      if (verdict === undefined) return false;
      if (verdict === 'save') {
        await store.update(connection.id, endpoint, undefined);
        return true;
      }
    }
  }
  let newKey: string | undefined;
  for (;;) {
    endpoint = await askEndpoint(prompter, `Edit “${connection.name}” (1/2): endpoint`, endpoint);
    if (endpoint === undefined) return false;
    const typed = await prompter.input({
      title: `Edit “${connection.name}” (2/2): key`,
      prompt: 'A new key, or leave empty to keep the current one. It is kept in VS Code’s secret storage.',
      password: true,
      value: newKey ?? '',
      ignoreFocusOut: true,
    });
    if (typed === undefined) return false;
    newKey = typed.trim() === '' ? undefined : typed.trim();
    const key = newKey ?? (await store.key(connection.id)) ?? '';
    const verdict = await checkOrAsk(prompter, 'Edit Connection', endpoint.trim(), { key });
    if (verdict === undefined) return false;
    if (verdict === 'save') {
      await store.update(connection.id, endpoint, newKey);
      return true;
    }
  }
}

async function pickAzureConnection(
  store: ConnectionStore,
  prompter: Prompter,
  title: string,
): Promise<Connection | undefined> {
  const picked = await prompter.pick(
    store.list().map((c) => ({ label: c.name, description: c.endpoint, connection: c })),
    { title, placeHolder: 'Connection' },
  );
  return picked?.connection;
}

interface Draft {
  endpoint: string;
  name: string;
  /** Undefined: the connection signs in with Microsoft. */
  key: string | undefined;
}

const SIGN_IN_METHODS = [
  {
    label: 'Resource key',
    detail: 'Keys and Endpoint in the Azure portal; kept in VS Code’s secret storage',
    entra: false,
  },
  {
    label: 'Sign in with Microsoft',
    description: 'Microsoft Entra ID',
    detail:
      'For resources with key access turned off: your account needs Cognitive Services Language Owner (or Reader) on the resource',
    entra: true,
  },
] as const;

/** The prompts of Add Connection, filled in with the previous answers when the user edits them. */
async function askDraft(prompter: Prompter, previous: Draft | undefined): Promise<Draft | undefined> {
  const endpoint = await askEndpoint(prompter, 'Add Connection (1/4): endpoint', previous?.endpoint);
  if (endpoint === undefined) return undefined;
  const name = await prompter.input({
    title: 'Add Connection (2/4): name',
    prompt: 'A name for this connection in the tree',
    value: previous?.name ?? new URL(endpoint.trim()).hostname.split('.')[0],
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Enter a name' : undefined),
  });
  if (name === undefined) return undefined;
  const method = await prompter.pick([...SIGN_IN_METHODS], {
    title: 'Add Connection (3/4): sign in with',
    placeHolder: 'How requests to the resource authenticate',
    ignoreFocusOut: true,
  });
  if (method === undefined) return undefined;
  if (method.entra) return { endpoint: endpoint.trim(), name: name.trim(), key: undefined };
  const key = await prompter.input({
    title: 'Add Connection (4/4): key',
    prompt: 'A key of the resource (Keys and Endpoint in the Azure portal). It is kept in VS Code’s secret storage.',
    password: true,
    value: previous?.key ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Enter the key' : undefined),
  });
  if (key === undefined) return undefined;
  return { endpoint: endpoint.trim(), name: name.trim(), key: key.trim() };
}

function askEndpoint(prompter: Prompter, title: string, value: string | undefined): Promise<string | undefined> {
  return prompter.input({
    title,
    prompt: 'The endpoint of your Language resource',
    placeHolder: 'https://my-resource.cognitiveservices.azure.com',
    ...(value === undefined ? {} : { value }),
    ignoreFocusOut: true,
    validateInput: validateEndpoint,
  });
}

const keepAnyway = 'Keep Anyway';
const edit = 'Edit';

/**
 * Checks the connection (one quick request); when it fails, says why and lets the user keep it anyway or edit it.
 * Undefined when the user cancels.
 */
async function checkOrAsk(
  prompter: Prompter,
  title: string,
  endpoint: string,
  credential: Credential,
): Promise<'save' | 'edit' | undefined> {
  const problem = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${title}: checking the connection…` },
    () => checkConnection(endpoint, credential),
  );
  if (problem === undefined) return 'save';
  const picked = await prompter.pick(
    [
      { label: keepAnyway, detail: 'Save it as it is; its node shows what is wrong.' },
      { label: edit, detail: 'Change the endpoint or how to sign in.' },
    ],
    {
      title: `${title}: the check failed. ${problem}`,
      placeHolder: 'Keep it anyway, or edit it?',
      ignoreFocusOut: true,
    },
  );
  if (picked?.label === keepAnyway) return 'save';
  if (picked?.label === edit) return 'edit';
  return undefined;
}

/** Forgets a connection and its key, after the user confirms; the resource is not touched. */
export async function removeConnection(store: ConnectionStore, prompter: Prompter, node: unknown): Promise<boolean> {
  let id: string | undefined;
  let name: string | undefined;
  if (isNode(node, 'connection')) {
    id = node.connection.id;
    name = node.connection.name;
  } else {
    const picked = await prompter.pick(
      store.list().map((c) => ({ label: c.name, description: c.endpoint, id: c.id })),
      { title: 'Remove Connection', placeHolder: 'Connection to remove' },
    );
    id = picked?.id;
    name = picked?.label;
  }
  if (id === undefined || id === localConnectionId) return false;
  const question = `Remove the connection “${name ?? id}”? Its key is deleted from secret storage; the resource is not touched.`;
  if (!(await prompter.confirm(question, 'Remove'))) return false;
  await store.remove(id);
  return true;
}

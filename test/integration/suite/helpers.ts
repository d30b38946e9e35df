import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commands/ids';
import { evaluationChoices } from '../../../src/core/training';
import type { EvaluationChoice } from '../../../src/core/training';
import type { TestApi } from '../../../src/extension';
import type { Answer } from '../../../src/platform/scriptedPrompter';
import type { Node } from '../../../src/tree/nodes';

export const extensionId = 'custom-text-studio.custom-text-studio';

export async function activateExtension(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi | undefined>(extensionId);
  assert.ok(ext, `extension ${extensionId} is installed`);
  const api = await ext.activate();
  assert.ok(api, 'the extension returns its test API when CUSTOM_TEXT_TEST=1');
  return api;
}

/**
 * The tree's connection nodes, as VS Code would ask for them. With Local among them, once the local service is up:
 * until then Local's children are a row saying it is starting.
 */
export async function connectionNodes(api: TestApi): Promise<Extract<Node, { kind: 'connection' }>[]> {
  const roots = await api.tree.getChildren();
  const nodes = roots.filter((n): n is Extract<Node, { kind: 'connection' }> => n.kind === 'connection');
  if (nodes.some((n) => n.local)) await api.localService();
  return nodes;
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

/** One scripted answer: the kind of question, text its title (or question) contains, and the answer. */
export const pick = (about: string | RegExp, answer?: string): Answer => ({ kind: 'pick', about, answer });
export const input = (about: string | RegExp, answer?: string): Answer => ({ kind: 'input', about, answer });
export const confirm = (about: string | RegExp, answer?: string): Answer => ({ kind: 'confirm', about, answer });
export const openFile = (about: string | RegExp, path?: string): Answer => ({ kind: 'open', about, answer: path });
export const saveFile = (about: string | RegExp, path?: string): Answer => ({ kind: 'save', about, answer: path });

/**
 * Runs a command as a user who gives these answers, in this order, through the extension's prompter (the real
 * pickers are back afterwards). Fails when the command asks something else or leaves answers unused.
 */
export async function answering<T>(api: TestApi, answers: Answer[], run: () => Thenable<T>): Promise<T> {
  const script = api.answers(...answers);
  try {
    return await run();
  } finally {
    script.done();
  }
}

/** Runs a command on a node (or none) as a user who gives these answers. */
export function runWith<T>(api: TestApi, answers: Answer[], id: CommandId, ...args: unknown[]): Promise<T | undefined> {
  return answering(api, answers, () => vscode.commands.executeCommand<T | undefined>(id, ...args));
}

/** The answers to Train Model…: the model label, then the evaluation split. */
export function trainAnswers(modelLabel: string, evaluation: EvaluationChoice = 'split80'): Answer[] {
  const split = evaluationChoices.find((c) => c.choice === evaluation);
  assert.ok(split);
  return [input('model label', modelLabel), pick('evaluation', split.label)];
}

/** The answers to Add Connection…; `keep` answers Keep Anyway when the check fails. */
export function addConnectionAnswers(name: string, endpoint: string, key: string, keep = false): Answer[] {
  return [
    input('endpoint', endpoint),
    input('name', name),
    pick('sign in with', 'Resource key'),
    input('key', key),
    ...(keep ? [pick('the check failed', 'Keep Anyway')] : []),
  ];
}

/** The answers to Deploy Model… for a project (its Deployments node): a new deployment, or the one to replace. */
export async function deployAnswers(api: TestApi, deploymentsGroup: Node, name: string): Promise<Answer[]> {
  const existing = (await api.tree.getChildren(deploymentsGroup)).flatMap((n) =>
    n.kind === 'deployment' ? [n.deployment.deploymentName] : [],
  );
  if (existing.length === 0) return [input('new deployment', name)];
  if (existing.includes(name)) return [pick('Deploy ', name)];
  return [pick('Deploy ', '$(add) New deployment…'), input('new deployment', name)];
}

/** Removes a connection, confirming as the user would. */
export async function removeConnection(api: TestApi, node: Node): Promise<boolean | undefined> {
  return runWith<boolean>(api, [confirm('Remove the connection', 'Remove')], CommandId.removeConnection, node);
}

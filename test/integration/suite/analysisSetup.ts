import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commands/ids';
import type { TestApi } from '../../../src/extension';
import type { Node } from '../../../src/tree/nodes';
import { deployAnswers, findConnection, labels, runWith, trainAnswers } from './helpers';

/** The entity categories of the loan agreements sample project. */
export const LOAN_CATEGORIES = [
  'Date',
  'BorrowerName',
  'BorrowerAddress',
  'BorrowerCity',
  'BorrowerState',
  'LenderName',
  'LenderAddress',
  'LenderCity',
  'LenderState',
  'LoanAmountWords',
  'LoanAmountNumbers',
  'Interest',
];

async function childLabelled(api: TestApi, parent: Node, label: string): Promise<Node> {
  const children = await api.tree.getChildren(parent);
  const found = children.find((_, i) => labels(api, children)[i] === label);
  assert.ok(found, `“${label}” is in the tree`);
  return found;
}

/** Trains and deploys a model of a local sample project through the commands; returns the deployment's node. */
export async function deployedForAnalysis(api: TestApi, projectName: string, deploymentName: string): Promise<Node> {
  await vscode.commands.executeCommand(CommandId.loadSamples);
  const project = await childLabelled(api, await findConnection(api, 'Local'), projectName);
  await runWith(api, trainAnswers('forAnalysis'), CommandId.trainModel, project);
  const model = await childLabelled(api, await childLabelled(api, project, 'Models'), 'forAnalysis');
  const deployments = await childLabelled(api, project, 'Deployments');
  await runWith(api, await deployAnswers(api, deployments, deploymentName), CommandId.deployModel, model);
  return await childLabelled(api, await childLabelled(api, project, 'Deployments'), deploymentName);
}

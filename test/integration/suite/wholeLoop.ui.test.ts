// The whole loop as a newcomer drives it, by keys only: a folder of raw tickets becomes a project, is labeled,
// trained from where it is labeled (no Push by hand), deployed from the offer training ends with, and a new ticket
// is analyzed by that project's model. Then the seam between projects: a loan agreement of another project is
// analyzed by its own project's model, a deployment the user chooses is kept, and Analyze Folder on each project's
// folder uses that project's deployment. It runs last: it leaves the notifications list as a keyboard user does.
import * as assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient } from '../../../src/api/client';
import { CommandId } from '../../../src/commands/ids';
import type { FolderView, ResultView } from '../../../src/core/views';
import type { TestApi } from '../../../src/extension';
import { pageText, press, screenshot, typeText } from './driver';
import {
  activateExtension,
  connectionNodes,
  extensionId,
  findConnection,
  input,
  pick,
  runWith,
  trainAnswers,
  waitFor,
} from './helpers';

const CLASSES = ['Billing', 'Technical', 'Account'] as const;
const TICKETS: Record<(typeof CLASSES)[number], string[]> = {
  Billing: [
    'I was charged twice for my subscription this month, please refund the extra payment.',
    'My invoice shows a price higher than the plan I signed up for.',
    'The credit card payment failed but the bill still says paid.',
    'Can I get a refund for the annual plan I cancelled yesterday?',
    'Why is there a late fee on my invoice when I paid on time?',
    'Please send me a receipt for last month’s payment for my expense report.',
    'The discount code was not applied and I was billed the full price.',
    'I need to update the credit card used for billing before the next charge.',
  ],
  Technical: [
    'The app crashes every time I open the settings page after the update.',
    'I get an error 500 when I upload a file larger than ten megabytes.',
    'The screen freezes on the loading spinner and nothing responds.',
    'Since the latest version the sync between my phone and laptop stopped working.',
    'The export button does nothing and the console shows a JavaScript error.',
    'Notifications arrive hours late on Android after the update.',
    'The installer fails with a missing library error on Windows.',
    'Search returns no results even for files I can see in the folder.',
  ],
  Account: [
    'How do I change the email address on my account?',
    'I forgot my password and the reset link never arrives.',
    'Please delete my account and all the data in my profile.',
    'I want to change my username, the old one has a typo.',
    'Two-factor sign in keeps asking for a code I cannot receive on my new phone.',
    'How can I add a second user to my account profile?',
    'My account was locked after too many sign in attempts.',
    'I would like to merge my two accounts registered with different emails.',
  ],
};
/** A figure in the run's report (the launcher prints the suite's lines) and in .test-artifacts/loop.txt. */
function report(line: string): void {
  console.log(`[suite]     ${line}`);
  const extensionPath = vscode.extensions.getExtension(extensionId)?.extensionPath ?? '.';
  appendFileSync(join(extensionPath, '.test-artifacts', 'loop.txt'), `${new Date().toISOString()} ${line}\n`);
}

const NEW_TICKET = 'I was billed twice for the same invoice and want my money refunded to my credit card.';

suite('The whole loop, by keys only', function () {
  // Training and deploying two real models with a user's pace of keys.
  this.timeout(240_000);
  let api: TestApi;
  let root: string;
  let keys = 0;

  /** Presses a key; answers the accessible name of what has the focus then. */
  const key = async (k: string): Promise<string> => {
    keys += 1;
    return await press(k);
  };
  const type = async (text: string): Promise<void> => {
    keys += text.length;
    await typeText(text);
  };
  /** Runs a palette command by typing its title, as a user does. */
  const palette = async (title: string): Promise<void> => {
    await key('F1');
    await pageText('.quick-input-widget .quick-input-box input');
    await type(title);
    await pageText('.quick-input-list .monaco-list-row', new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await key('Enter');
  };
  const activeIs = (file: string): Promise<true> =>
    waitFor(`${file} in the editor`, () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === file ? true : undefined,
    );
  /** The result the panel shows once drawn, from a deployment of `source`. */
  const shown = (source: string): Promise<ResultView> =>
    waitFor(`a result of ${source} in the panel`, () => {
      const view = api.results.shownResult()?.view;
      return api.results.lastRendered !== undefined && view?.source === source ? view : undefined;
    });

  suiteSetup(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('notifications.clearAll');
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'the tests run in a workspace');
    root = workspace;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the whole loop from a raw folder', async () => {
    const folder = join(root, 'loop-tickets');
    mkdirSync(folder, { recursive: true });
    const order: { file: string; category: (typeof CLASSES)[number] }[] = [];
    for (let i = 0; i < 8; i++)
      for (const category of CLASSES) {
        const file = `t${String(order.length + 1).padStart(2, '0')}.txt`;
        writeFileSync(join(folder, file), TICKETS[category][i] ?? '');
        order.push({ file, category });
      }
    const labeling = await api.labeling();
    const started = performance.now();

    // New Project from Folder…: the folder picked among the workspace's folders of texts, then its questions.
    await palette('New Project from Folder');
    await pageText('.quick-input-widget .quick-input-title', /the folder of its documents/);
    await type('loop-tickets');
    await pageText('.quick-input-widget .monaco-list-row[data-index="0"]', /loop-tickets.*24 \.txt files/);
    await key('Enter');
    await pageText('.quick-input-widget .quick-input-title', /New Project from Folder: kind/);
    await key('Enter'); // Single-label classification
    await pageText('.quick-input-widget .quick-input-title', /: name/);
    await key('Enter'); // loop-tickets, from the folder's name
    await pageText('.quick-input-widget .quick-input-title', /: language/);
    await key('Enter'); // en-us
    await pageText('.quick-input-widget .quick-input-title', /multilingual/);
    await key('Enter'); // No
    await pageText('.quick-input-widget .quick-input-title', /: description/);
    await key('Enter');
    await pageText('.quick-input-widget .quick-input-title', /: classes/);
    await type(CLASSES.join(', '));
    await key('Enter');
    const labelsFile = join(folder, 'loop-tickets.labels.json');
    await waitFor('the project to be made', () => labeling.get(labelsFile)?.project);

    // The first document is open: labeled by keys, each one moving to the next unlabeled.
    for (const [i, { file, category }] of order.entries()) {
      await activeIs(join(folder, file));
      await pageText('.part.statusbar', /Unlabeled/);
      await key('Alt+L');
      await pageText('.quick-input-widget .quick-input-title', new RegExp(`Class of ${file}`));
      await key(String(CLASSES.indexOf(category) + 1));
      await pageText('.part.statusbar', new RegExp(category));
      if (i < order.length - 1) await key('Alt+N');
    }
    await labeling.flush();

    // "train" in the palette: Train Model… comes first, and on the open document's project it sends, then trains.
    await key('F1');
    await type('train');
    const first = await pageText('.quick-input-list .monaco-list-row[data-index="0"]', /Train/);
    assert.match(first, /^Custom Text: Train Model…/, `the first command for “train” is Train Model…, not: ${first}`);
    await screenshot('loop-palette-train');
    await key('Enter');
    await pageText('.quick-input-widget .quick-input-title', /Train a Model/);
    await pageText('.quick-input-widget .monaco-list-row.focused', /^loop-tickets/); // The document's, selected.
    await key('Enter');
    const label = await pageText(
      '.quick-input-widget .quick-input-title',
      /Train a model of loop-tickets|Train loop-tickets on/,
    );
    if (/ on…/.test(label)) await key('Enter'); // Other suites' connections: Local is first.
    await pageText('.quick-input-widget .quick-input-title', /Train a model of loop-tickets \(1\/2\): model label/);
    await key('Enter'); // model1
    await pageText('.quick-input-widget .quick-input-title', /\(2\/2\): evaluation/);
    await key('Enter'); // 80% / 20%

    // Training ends with an offer: Deploy… is its first action. (This workbench keeps toasts hidden: the list
    // of notifications is where the keys reach it.)
    const service = await api.localService();
    const client = new LanguageClient({ endpoint: service.endpoint, credential: { key: service.key } });
    await waitFor('model1 to be trained', async () =>
      (await client.listModels('loop-tickets').catch(() => [])).some((m) => m.label === 'model1') ? true : undefined,
    );
    await palette('Notifications: Show Notifications');
    await pageText('.notification-list-item', /Trained loop-tickets\/model1/);
    await key('Home');
    await pageText('.notifications-list-container .monaco-list-row.focused', /Trained loop-tickets\/model1/);
    await screenshot('loop-trained');
    await palette('Notifications: Accept Notification Primary Action'); // Deploy…, the newest one's first action
    await pageText('.quick-input-widget .quick-input-title', /Deploy loop-tickets\/model1: new deployment/);
    await key('Enter'); // production
    await pageText('.notification-list-item', /Deployed loop-tickets\/model1 as “production”/);

    // A new ticket in the folder, opened by Quick Open and analyzed from the palette.
    const ticket = join(folder, 'new ticket.txt');
    writeFileSync(ticket, NEW_TICKET);
    await key('ControlOrMeta+P');
    await type('new ticket.txt');
    await pageText('.quick-input-list .monaco-list-row', /new ticket\.txt/);
    await key('Enter');
    await activeIs(ticket);
    await palette('Analyze Selection with a Deployment');
    const header = await pageText('header .source', /loop-tickets/);
    const seconds = (performance.now() - started) / 1000;
    const result = await shown('loop-tickets / production');
    assert.equal(result.why, "the deployment of loop-tickets, this document's project");
    assert.match(header, /\(the deployment of loop-tickets, this document's project\)/);
    assert.equal(result.classes[0]?.category, 'Billing', 'the new ticket gets the right class');
    report(`loop: ${seconds.toFixed(1)} s, ${keys} keys`);
    await screenshot('loop-new-ticket');
  });

  test('another project’s document, a chosen deployment and each project’s folder', async () => {
    // A loan project in the workspace, trained and deployed (its own model).
    const loans = join(root, 'loan-agreements');
    mkdirSync(loans, { recursive: true });
    const samples = join(
      vscode.extensions.getExtension(extensionId)?.extensionPath ?? '',
      'samples',
      'loan-agreements',
    );
    const sample = JSON.parse(readFileSync(join(samples, 'loanAgreementsLabels.json'), 'utf8')) as {
      metadata: Record<string, unknown>;
      assets: { documents: { location: string }[] };
    };
    for (const d of sample.assets.documents) copyFileSync(join(samples, d.location), join(loans, d.location));
    copyFileSync(join(samples, 'Test 1.txt'), join(loans, 'new loan.txt'));
    const loansLabels = join(loans, 'Loans.labels.json');
    writeFileSync(
      loansLabels,
      JSON.stringify({ ...sample, metadata: { ...sample.metadata, projectName: 'Loans' } }, null, 2),
    );
    const labeling = await api.labeling();
    await labeling.track(loansLabels);
    const node = { kind: 'labelingProject', labelsFile: loansLabels };
    const connections = (await connectionNodes(api)).length;
    await runWith(
      api,
      [...(connections > 1 ? [pick('Train Loans on', 'Local')] : []), ...trainAnswers('loansModel')],
      CommandId.trainModel,
      node,
    );
    const local = await findConnection(api, 'Local');
    await runWith(api, [input('new deployment', 'production')], CommandId.deployModel, {
      connection: local.connection,
      projectName: 'Loans',
      modelLabel: 'loansModel',
    });

    // The loan agreement is analyzed with its own project's model, though loop-tickets was used last.
    const started = performance.now();
    keys = 0;
    await key('ControlOrMeta+P');
    await type('new loan.txt');
    await pageText('.quick-input-list .monaco-list-row[data-index="0"]', /new loan\.txt/);
    await key('Enter');
    await activeIs(join(loans, 'new loan.txt'));
    await palette('Analyze Selection with a Deployment');
    const loanResult = await shown('Loans / production');
    assert.equal(loanResult.kind, 'CustomEntityRecognition');

    // Choose Deployment…: the document's project comes first; another one chosen is kept for its documents.
    await palette('Choose Deployment for Analysis');
    const firstRow = await pageText('.quick-input-widget .monaco-list-row[data-index="0"]', /Loans/);
    assert.match(firstRow, /^Loans/, `the document's project is listed first: ${firstRow}`);
    await type('loop-tickets');
    await pageText('.quick-input-widget .monaco-list-row', /^loop-tickets/);
    await key('Enter');
    await pageText('.quick-input-widget .quick-input-title', /Analyze with a Deployment/);
    await pageText('.quick-input-widget .monaco-list-row', /production/);
    await key('Enter');
    await pageText('header .source', /loop-tickets \/ production .*your choice for Loans's documents/);
    await palette('Analyze Selection with a Deployment');
    await pageText('header .source', /loop-tickets \/ production/);
    assert.equal((await shown('loop-tickets / production')).why, "your choice for Loans's documents", 'kept');
    report(`other project and choice: ${((performance.now() - started) / 1000).toFixed(1)} s, ${keys} keys`);
    await screenshot('loop-choice-kept');

    // Analyze Folder on the tickets' folder uses the tickets' deployment (the choice was for Loans only).
    const tickets = await runWith<FolderView>(
      api,
      [pick('Analyze Folder', 'All 25 text files')],
      CommandId.analyzeFolder,
      vscode.Uri.file(join(root, 'loop-tickets')),
    );
    assert.equal(tickets?.source, 'loop-tickets / production');
    assert.equal(tickets.why, "the deployment of loop-tickets, this folder's project");
    const billing = tickets.rows.find((r) => r.file === 'new ticket.txt');
    assert.equal(billing?.classes[0]?.category, 'Billing');

    // Train again with nothing changed: nothing is sent (no import), a model is trained.
    const imports = (): number => api.logText().split('/projects/loop-tickets/:import').length - 1;
    const before = imports();
    const job = await runWith<{ status: string }>(
      api,
      [...(connections > 1 ? [pick('Train loop-tickets on', 'Local')] : []), ...trainAnswers('model2')],
      CommandId.trainModel,
      { kind: 'labelingProject', labelsFile: join(root, 'loop-tickets', 'loop-tickets.labels.json') },
    );
    assert.equal(job?.status, 'succeeded');
    assert.equal(imports(), before, 'a second Train with nothing changed sends nothing');
  });
});

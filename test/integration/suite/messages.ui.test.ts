// Messages that end a command without doing it say why and what to do, in the notification the user reads.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commands/ids';
import { deployedForAnalysis } from './analysisSetup';
import { pageText, screenshot } from './driver';
import { activateExtension, confirm, runWith } from './helpers';

suite('Messages that lead somewhere', () => {
  test('a deployment that succeeded says so once its progress, and its Cancel, are gone', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('notifications.clearAll');
    // The list shows every notification, the progress too, for as long as it is there.
    await vscode.commands.executeCommand('notifications.showList');
    const done = await deployedForAnalysis(api, 'Movies', 'told');
    // The list hides itself whenever its last notification goes (a progress ending): shown again to read it.
    await vscode.commands.executeCommand('notifications.showList');
    try {
      const shown = await pageText('.notifications-center', /Deployed Movies\/forAnalysis as “told”/);
      assert.doesNotMatch(shown, /Deploying|succeeded|Cancel/, `the notifications when it was told: ${shown}`);
    } finally {
      await vscode.commands.executeCommand('notifications.clearAll');
      await runWith(api, [confirm('Delete the deployment “told”', 'Delete')], CommandId.deleteDeployment, done);
    }
  });

  test('Swap Deployments with a single deployment says what a swap needs instead of an empty picker', async () => {
    const api = await activateExtension();
    // Movies: no other test has deployed it by now (LoanAgreement has a production deployment).
    const solo = await deployedForAnalysis(api, 'Movies', 'solo');
    try {
      const swapped = await vscode.commands.executeCommand<boolean>(CommandId.swapDeployments, solo);
      assert.equal(swapped, false);
      await vscode.commands.executeCommand('notifications.showList'); // Toasts may hide; the list is always there.
      const shown = await pageText('.notification-list-item-message', /only deployment/);
      assert.match(shown, /^“solo” is the only deployment of Movies: deploy a model to a second deployment/);
      await screenshot('swap-single-deployment');
    } finally {
      await vscode.commands.executeCommand('notifications.clearAll');
      await runWith(api, [confirm('Delete the deployment “solo”', 'Delete')], CommandId.deleteDeployment, solo);
    }
  });
});

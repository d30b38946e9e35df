// The Get Started walkthrough opens once, on the first start after install, as VS Code opens the walkthrough of an
// extension installed from the Marketplace; never on later starts. VS Code's own setting for that turns it off here.
import * as vscode from 'vscode';
import { isFirstStart } from './firstStart';

export const walkthroughId = 'custom-text-studio.custom-text-studio#getStarted';

export function openWalkthroughOnFirstStart(storageDir: string, log: (message: string) => void): void {
  if (!isFirstStart(storageDir, 'walkthrough-shown')) return;
  const wanted = vscode.workspace.getConfiguration().get<boolean>('workbench.welcomePage.walkthroughs.openOnInstall');
  log(
    `First start: ${wanted === false ? 'the Get Started walkthrough stays closed (setting)' : 'opening Get Started'}`,
  );
  if (wanted === false) return;
  void vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughId, false);
}

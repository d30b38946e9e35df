// The Get Started walkthrough opens once, on the first start after install, as VS Code opens an installed
// extension's walkthrough; never on later starts. VS Code's own setting for that turns it off here too.
import * as vscode from 'vscode';

const shownKey = 'customText.walkthroughShown';
export const walkthroughId = 'custom-text-studio.custom-text-studio#getStarted';

export function openWalkthroughOnFirstStart(state: vscode.Memento): void {
  if (state.get<boolean>(shownKey) === true) return;
  void state.update(shownKey, true);
  const wanted = vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall');
  if (wanted === false) return;
  void vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughId, false);
}

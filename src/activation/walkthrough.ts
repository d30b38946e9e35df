// The Get Started walkthrough opens once, on the first start after install, as VS Code opens the walkthrough of an
// extension installed from the Marketplace; never on later starts. VS Code's own setting for that turns it off here.
// A file in the extension's global storage remembers it: written at once, unlike the state VS Code flushes later
// (a reload soon after the first start would lose that).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const walkthroughId = 'custom-text-studio.custom-text-studio#getStarted';

export function openWalkthroughOnFirstStart(storageDir: string, log: (message: string) => void): void {
  const shown = join(storageDir, 'walkthrough-shown');
  if (existsSync(shown)) return;
  try {
    mkdirSync(storageDir, { recursive: true });
    writeFileSync(shown, new Date().toISOString());
  } catch (e) {
    // Never opened on every start: without a place to remember it, it is not opened at all.
    log(`First start: the Get Started walkthrough stays closed (${e instanceof Error ? e.message : String(e)})`);
    return;
  }
  const wanted = vscode.workspace.getConfiguration().get<boolean>('workbench.welcomePage.walkthroughs.openOnInstall');
  log(
    `First start: ${wanted === false ? 'the Get Started walkthrough stays closed (setting)' : 'opening Get Started'}`,
  );
  if (wanted === false) return;
  void vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughId, false);
}

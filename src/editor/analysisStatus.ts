import * as vscode from 'vscode';

/** The status bar entry naming the deployment that Analyze Selection uses; clicking it picks another. */
export class AnalysisStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'customText.analysisTarget',
    vscode.StatusBarAlignment.Right,
    100,
  );

  constructor(chooseCommand: string) {
    this.item.name = 'Custom Text: Deployment for Analysis';
    this.item.command = chooseCommand;
  }

  show(projectName: string, deploymentName: string): void {
    this.item.text = `$(sparkle) ${projectName}/${deploymentName}`;
    this.item.tooltip = `Analyze Selection uses the deployment “${deploymentName}” of ${projectName}. Click to choose another.`;
    this.item.show();
  }

  get text(): string | undefined {
    return this.item.text === '' ? undefined : this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}

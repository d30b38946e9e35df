/** Every command the extension contributes; a unit test checks this equals package.json's list. */
export const CommandId = {
  addConnection: 'customText.connection.add',
  editConnection: 'customText.connection.edit',
  removeConnection: 'customText.connection.remove',
  loadSamples: 'customText.samples.load',
  refresh: 'customText.refresh',
  showLog: 'customText.showLog',
  trainModel: 'customText.model.train',
  cancelTrainingJob: 'customText.trainingJob.cancel',
  deployModel: 'customText.model.deploy',
  deleteModel: 'customText.model.delete',
  showEvaluation: 'customText.model.showEvaluation',
  deleteDeployment: 'customText.deployment.delete',
  swapDeployments: 'customText.deployment.swap',
  deleteProject: 'customText.project.delete',
  importProject: 'customText.project.import',
  exportProject: 'customText.project.export',
  analyzeSelection: 'customText.analyze.selection',
  analyzeFolder: 'customText.analyze.folder',
  chooseAnalysisTarget: 'customText.analyze.chooseDeployment',
} as const;
export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** Every command the extension contributes; a unit test checks this equals package.json's list. */
export const CommandId = {
  addConnection: 'customText.connection.add',
  removeConnection: 'customText.connection.remove',
  loadSamples: 'customText.samples.load',
  refresh: 'customText.refresh',
  showLog: 'customText.showLog',
} as const;
export type CommandId = (typeof CommandId)[keyof typeof CommandId];

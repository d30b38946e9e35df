/** Where a workspace remembers the deployment Analyze Selection and Analyze Folder use (read at activation). */
export const targetKey = 'customText.analyzeTarget';

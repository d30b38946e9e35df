// The user settings of the workbenches this repo starts: the tests' and npm start's. Quiet: no tips, updates,
// telemetry or AI prompts, and no offer to forward the ports other processes on the machine listen on (the
// embedded local service, and anything else running, would each get a "Your application running on port …"
// notification).

/** Every workbench: nothing pops up that the user (or a test) did not ask for. */
export const quietSettings = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'workbench.tips.enabled': false,
  'remote.autoForwardPorts': false,
};

/** npm start's demo: the sample projects loaded, and as quiet as the tests' workbench. */
export const demoSettings = {
  'customText.localService.loadSampleProjects': true,
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'security.workspace.trust.enabled': false,
  // The samples folder sits inside this repo: no prompt to open its git repository, no empty chat side bar.
  'git.openRepositoryInParentFolders': 'never',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'remote.autoForwardPorts': false,
};

/**
 * What every start of the demo makes sure of, in a settings file a first start wrote before it was added (the rest
 * of demoSettings is only a first start's: a user who removed one keeps it removed).
 */
export const demoSettingsEveryStart = { 'remote.autoForwardPorts': false };

/**
 * A settings.json with the wanted settings the user has not set added; what they set stays. Undefined when the
 * file is not a plain JSON object (comments, say): it is then left as it is.
 */
export function withMissingSettings(current: string | undefined, wanted: Record<string, unknown>): string | undefined {
  let settings: unknown = {};
  if (current !== undefined && current.trim() !== '') {
    try {
      settings = JSON.parse(current);
    } catch {
      return undefined;
    }
  }
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return undefined;
  const missing = Object.entries(wanted).filter(([key]) => !(key in settings));
  if (current !== undefined && missing.length === 0) return undefined;
  return `${JSON.stringify({ ...settings, ...Object.fromEntries(missing) }, null, 2)}\n`;
}

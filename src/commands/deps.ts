import type { LanguageClient } from '../api/client';
import type { Connection } from '../core/connection';
import type { ServiceProjectRef } from '../core/projectHome';
import type { Log } from '../platform/logger';
import type { Prompter } from '../platform/prompter';
import type { TreeData } from '../tree/data';
import type { ConnectionsTreeProvider } from '../tree/provider';

/** What the project, model and deployment commands work with. */
export interface CommandDeps {
  client(connection: Connection): Promise<LanguageClient>;
  /** Reads connections, projects, models and deployments for the pickers (no side effect on the view). */
  data: TreeData;
  /** Only to reload the nodes a command changed. */
  tree: ConnectionsTreeProvider;
  /** Every question to the user goes through it. */
  prompter: Prompter;
  log: Log;
  /**
   * The projects on services of what the user works on (the active document's project, else the one selected in the
   * Labeling view): pickers list them first and select the first.
   */
  currentProjects(): Promise<readonly ServiceProjectRef[]>;
}

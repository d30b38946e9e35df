import type { LanguageClient } from '../api/client';
import type { Connection } from '../core/connection';
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
}

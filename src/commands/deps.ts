import type { LanguageClient } from '../api/client';
import type { Connection } from '../core/connection';
import type { Log } from '../platform/logger';
import type { ConnectionsTreeProvider } from '../tree/provider';

/** What the project, model and deployment commands work with. */
export interface CommandDeps {
  client(connection: Connection): Promise<LanguageClient>;
  tree: ConnectionsTreeProvider;
  log: Log;
}

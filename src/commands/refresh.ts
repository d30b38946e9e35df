// Commands reload only the nodes they changed: VS Code keeps the rest of the tree, expanded and selected as it was.
import type { Connection } from '../core/connection';
import { connectionNodeId, groupNodeId, projectNodeId } from '../tree/children';
import type { GroupKind } from '../tree/nodes';
import type { CommandDeps } from './deps';

/** A connection's list of projects (one was imported or deleted). */
export function refreshConnection(deps: CommandDeps, connection: Connection): void {
  deps.tree.refreshId(connectionNodeId(connection));
}

/** A project's models, deployments and jobs (they name each other, so a change to one shows in the others). */
export function refreshProject(deps: CommandDeps, connection: Connection, projectName: string): void {
  deps.tree.refreshId(projectNodeId(connection, projectName));
}

/** One group of a project. */
export function refreshGroup(deps: CommandDeps, connection: Connection, projectName: string, group: GroupKind): void {
  deps.tree.refreshId(groupNodeId(connection, projectName, group));
}

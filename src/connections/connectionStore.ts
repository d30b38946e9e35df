import * as vscode from 'vscode';
import type { Connection } from '../core/connection';
import { normalizeEndpoint, parseStoredConnections } from '../core/connection';

const stateKey = 'customText.connections';
const secretKey = (id: string): string => `customText.connection.${id}.key`;

/** Azure connections: metadata in globalState, keys in SecretStorage (never in settings or logs). */
export class ConnectionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  list(): Connection[] {
    return parseStoredConnections(this.state.get(stateKey, []));
  }

  /** A new connection; without a key, it signs in with Microsoft (Entra ID) and nothing goes to secret storage. */
  async add(name: string, endpoint: string, key: string | undefined): Promise<Connection> {
    const connection: Connection = {
      id: process.getBuiltinModule('node:crypto').randomUUID(),
      name: name.trim(),
      endpoint: normalizeEndpoint(endpoint),
      ...(key === undefined ? { auth: 'entra' as const } : {}),
    };
    if (key !== undefined) await this.secrets.store(secretKey(connection.id), key);
    await this.state.update(stateKey, [...this.list(), connection]);
    this.changed.fire();
    return connection;
  }

  /** A new endpoint and, when given, a new key for an existing connection. */
  async update(id: string, endpoint: string, key: string | undefined): Promise<void> {
    if (key !== undefined) await this.secrets.store(secretKey(id), key);
    await this.state.update(
      stateKey,
      this.list().map((c) => (c.id === id ? { ...c, endpoint: normalizeEndpoint(endpoint) } : c)),
    );
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.state.update(
      stateKey,
      this.list().filter((c) => c.id !== id),
    );
    await this.secrets.delete(secretKey(id));
    this.changed.fire();
  }

  async key(id: string): Promise<string | undefined> {
    return this.secrets.get(secretKey(id));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

import type * as vscode from 'vscode';
import { LanguageClient } from '../api/client';
import type { ApiVersion } from '../api/client';
import { cognitiveServicesScope } from '../api/credentials';
import type { Credential, TokenCredential } from '../api/credentials';
import type { Connection } from '../core/connection';
import { localConnectionId, signsIn } from '../core/connection';
import { networkDispatcher } from '../api/proxy';
import { getApiVersion, networkSettings } from '../platform/clientSettings';
import type { ConnectionStore } from './connectionStore';
import type { Log } from '../platform/logger';

/** One API client per connection, built on first use with the key from secret storage. */
export class ClientCache implements vscode.Disposable {
  private readonly clients = new Map<string, Promise<LanguageClient>>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly log: Log,
    /** Where the embedded local service listens, and its key; it starts on first use. */
    private readonly local: () => Promise<{ endpoint: string; key: string }>,
    /** Cached tokens for a scope, for connections that sign in with Microsoft. */
    private readonly signedIn: (scope: string) => TokenCredential,
  ) {}

  get(connection: Connection): Promise<LanguageClient> {
    let client = this.clients.get(connection.id);
    if (client === undefined) {
      client = this.create(connection);
      this.clients.set(connection.id, client);
      client.catch(() => this.clients.delete(connection.id));
    }
    return client;
  }

  clear(): void {
    this.clients.clear();
  }

  private async create(connection: Connection): Promise<LanguageClient> {
    // The endpoint comes from the store, never from the object given: a command argument that claims a stored
    // connection's id with another endpoint must not receive that connection's key.
    const stored = this.store.list().find((c) => c.id === connection.id);
    if (connection.id !== localConnectionId && stored === undefined)
      throw new Error(`“${connection.name}” is not a saved connection.`);
    const { endpoint, credential } =
      stored === undefined
        ? await this.localCredential()
        : { endpoint: stored.endpoint, credential: await this.credentialOf(stored) };
    const apiVersion: ApiVersion = getApiVersion();
    const isLocal = connection.id === localConnectionId;
    return new LanguageClient({
      endpoint,
      credential,
      // The local service finishes most jobs in milliseconds: poll it briskly. It is on loopback: never proxied.
      ...(isLocal
        ? { poll: { initialIntervalMs: 100, maxIntervalMs: 1000 } }
        : { dispatcher: networkDispatcher(networkSettings()) }),
      apiVersion,
      onRequest: (e) => {
        const line = `${e.method} ${e.url} → ${e.status ?? e.error ?? 'no answer'} in ${Math.round(e.durationMs)} ms${
          e.requestId === undefined ? '' : ` (request ${e.requestId})`
        }${e.attempt > 1 ? ` attempt ${e.attempt}` : ''}`;
        if (e.status === undefined || e.status >= 400) this.log.warn(line);
        else this.log.info(line);
      },
    });
  }

  private async localCredential(): Promise<{ endpoint: string; credential: Credential }> {
    const { endpoint, key } = await this.local();
    return { endpoint, credential: { key } };
  }

  private async credentialOf(connection: Connection): Promise<Credential> {
    if (signsIn(connection)) return this.signedIn(cognitiveServicesScope);
    const key = await this.store.key(connection.id);
    if (key === undefined) throw new Error(`No key is stored for “${connection.name}”: remove it and add it again.`);
    return { key };
  }

  dispose(): void {
    this.clients.clear();
  }
}

// The storage account a connection reads its documents from (Azure reads only the one linked to the Language
// resource): asked once per connection; its URL and how to sign in are kept in globalState, a key or SAS in
// SecretStorage.
import type * as vscode from 'vscode';
import { z } from 'zod';
import type { SessionCredential } from '../api/sessionCredential';
import type { Connection } from '../core/connection';
import type { Prompter } from '../platform/prompter';
import { BlobStore } from '../storage/blobStore';
import type { StorageAuth } from '../storage/storageCredential';
import { accountNameOf, storageScope } from '../storage/storageCredential';

const STATE_KEY = 'customText.storageAccounts';
const secretKey = (connectionId: string): string => `customText.connection.${connectionId}.storage`;

const accountSchema = z.object({ accountUrl: z.url(), auth: z.enum(['key', 'sas', 'entra']) });
const accountsSchema = z.record(z.string(), accountSchema);
type StoredAccount = z.infer<typeof accountSchema>;

/** Cached bearer tokens for a scope, from the Microsoft sign-in (or a session a test injects). */
export type SignedInTokens = (scope: string) => SessionCredential;

const METHODS = [
  { label: 'Account key', description: 'kept in VS Code’s secret storage', auth: 'key' },
  { label: 'SAS token', description: 'read, write, list and create on the account', auth: 'sas' },
  { label: 'Sign in with Microsoft', description: 'Microsoft Entra ID: Storage Blob Data Contributor', auth: 'entra' },
] as const;

export class StorageAccounts {
  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    private readonly signedIn: SignedInTokens,
  ) {}

  private all(): Record<string, StoredAccount> {
    const parsed = accountsSchema.safeParse(this.state.get(STATE_KEY, {}));
    return parsed.success ? parsed.data : {};
  }

  /** The connection's storage account as a BlobStore, asking for it the first time. */
  async storeFor(connection: Connection, prompter: Prompter): Promise<BlobStore | undefined> {
    const known = this.all()[connection.id];
    const secret =
      known === undefined || known.auth === 'entra' ? '' : await this.secrets.get(secretKey(connection.id));
    if (known !== undefined && secret !== undefined) return this.open(known, secret);
    const asked = await this.ask(connection, prompter);
    if (asked === undefined) return undefined;
    await this.secrets.store(secretKey(connection.id), asked.secret);
    await this.state.update(STATE_KEY, { ...this.all(), [connection.id]: asked.account });
    return this.open(asked.account, asked.secret);
  }

  private open(account: StoredAccount, secret: string): BlobStore {
    const auth: StorageAuth =
      account.auth === 'key'
        ? { kind: 'key', accountName: accountNameOf(account.accountUrl), accountKey: secret }
        : account.auth === 'sas'
          ? { kind: 'sas', sas: secret }
          : { kind: 'token', getAccessToken: () => this.signedIn(storageScope).getAccessToken() };
    return new BlobStore(account.accountUrl, auth);
  }

  private async ask(
    connection: Connection,
    prompter: Prompter,
  ): Promise<{ account: StoredAccount; secret: string } | undefined> {
    const title = `Storage account of ${connection.name}`;
    const accountUrl = await prompter.input({
      title: `${title} (1/3): blob endpoint`,
      prompt: `The storage account linked to the Language resource ${connection.name}: the service reads documents only from it`,
      placeHolder: 'https://ACCOUNT.blob.core.windows.net',
      ignoreFocusOut: true,
      validateInput: (v) =>
        URL.canParse(v.trim()) && /^https?:$/.test(new URL(v.trim()).protocol)
          ? undefined
          : 'Enter the account’s blob endpoint, such as https://ACCOUNT.blob.core.windows.net',
    });
    if (accountUrl === undefined) return undefined;
    const method = await prompter.pick([...METHODS], {
      title: `${title} (2/3): sign in with`,
      placeHolder: 'Credential',
    });
    if (method === undefined) return undefined;
    const account: StoredAccount = { accountUrl: accountUrl.trim().replace(/\/+$/, ''), auth: method.auth };
    if (method.auth === 'entra') return { account, secret: '' };
    const secret = await prompter.input({
      title: `${title} (3/3): ${method.label.toLowerCase()}`,
      prompt: `Kept in VS Code’s secret storage, never in settings or logs`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? `Enter the ${method.label.toLowerCase()}` : undefined),
    });
    if (secret === undefined) return undefined;
    return { account, secret: secret.trim() };
  }
}

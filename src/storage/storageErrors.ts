// Storage failures as one sentence each that says what to do: a missing role names the role and the account, a
// missing container names it, an outage or a dropped connection says it may pass (and is retried).

export interface StorageErrorContext {
  accountUrl: string;
  container: string;
  blob?: string;
  /** Signed in with Microsoft Entra ID (a bearer token) rather than a key or SAS. */
  signedIn?: boolean;
}

export type StorageFault =
  'forbidden' | 'unauthorized' | 'containerNotFound' | 'notFound' | 'unavailable' | 'network' | 'other';

export class StorageError extends Error {
  constructor(
    message: string,
    readonly fault: StorageFault,
    readonly status: number | undefined,
    /** A fault that may pass: worth another attempt. */
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'REQUEST_SEND_ERROR',
  'UND_ERR_SOCKET',
]);

function accountOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url;
  }
}

/** The SDK's RestError, recognised without loading the SDK. */
function isRestError(error: unknown): error is Error & { statusCode?: number; code?: string } {
  return error instanceof Error && error.name === 'RestError';
}

export function toStorageError(error: unknown, at: StorageErrorContext): StorageError {
  if (error instanceof StorageError) return error;
  if (error instanceof Error && error.name === 'AbortError') throw error;
  const account = accountOf(at.accountUrl);
  const status = isRestError(error) ? error.statusCode : undefined;
  const code = isRestError(error) ? (error.code ?? '') : '';
  const what = at.blob === undefined ? `container "${at.container}"` : `"${at.blob}" in container "${at.container}"`;
  const make = (message: string, fault: StorageFault, transient: boolean): StorageError =>
    new StorageError(message, fault, status, transient, { cause: error });

  if (status === 403) {
    if (at.signedIn === true && code === 'AuthenticationFailed')
      return make(
        `Storage account ${account} refused the sign-in token (expired, or not issued for Azure Storage): sign in again with Microsoft, then push again.`,
        'forbidden',
        false,
      );
    if (code === 'AuthenticationFailed' || (code === 'AuthorizationFailure' && /signature|sas/i.test(String(error))))
      return make(
        `Storage account ${account} refused the credential: check its account key or SAS token (expiry, permissions read, write, list, create), then push again.`,
        'forbidden',
        false,
      );
    return make(
      `Storage account ${account} refused access to ${what} (403): give your identity the Storage Blob Data Contributor role on the storage account ${account} (or use a key or SAS with read, write, list and create), then push again.`,
      'forbidden',
      false,
    );
  }
  if (status === 401)
    return make(
      `Storage account ${account} did not accept the sign-in (401): sign in again, or use the account key or a SAS token.`,
      'unauthorized',
      false,
    );
  if (status === 404 && code === 'ContainerNotFound')
    return make(
      `Container "${at.container}" does not exist in storage account ${account}: push creates it; or check the container name.`,
      'containerNotFound',
      false,
    );
  if (status === 404) return make(`${what} was not found in storage account ${account}.`, 'notFound', false);
  if (status !== undefined && (status === 503 || status === 500 || status === 502 || status === 504 || status === 408))
    return make(
      `Storage account ${account} is unavailable (${status}) while writing ${what}: nothing is lost; push again in a moment to finish.`,
      'unavailable',
      true,
    );
  const causeCode =
    code !== '' ? code : error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (
    status === undefined &&
    (NETWORK_CODES.has(causeCode) || /socket hang up|ECONNRESET|network/i.test(String(error)))
  )
    return make(
      `The connection to storage account ${account} was dropped (${causeCode !== '' ? causeCode : 'reset'}) while writing ${what}: nothing is lost; push again to finish.`,
      'network',
      true,
    );
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return make(
    `Storage account ${account} failed on ${what}${status === undefined ? '' : ` (${status})`}: ${detail}`,
    'other',
    false,
  );
}

// How a client reaches a storage account: an account key, a SAS token, or a Microsoft Entra ID bearer token.
const loadSdk = () => import('@azure/storage-blob');
type Sdk = Awaited<ReturnType<typeof loadSdk>>;
export type BlobServiceClient = InstanceType<Sdk['BlobServiceClient']>;
export type ContainerClient = ReturnType<BlobServiceClient['getContainerClient']>;

export type StorageAuth =
  | { kind: 'key'; accountName: string; accountKey: string }
  | { kind: 'sas'; sas: string }
  | { kind: 'token'; getAccessToken(): Promise<{ token: string; expiresOnTimestamp: number }> };

/** Entra ID scope for Azure Storage. */
export const storageScope = 'https://storage.azure.com/.default';

/** The account name of a blob endpoint: the first label of the host, or the first path segment (emulator URLs). */
export function accountNameOf(accountUrl: string): string {
  const url = new URL(accountUrl);
  const segment = url.pathname.split('/').find((s) => s !== '');
  if (segment !== undefined && /^(127\.|localhost|\[::1\])/.test(url.host)) return segment;
  return url.hostname.split('.')[0] ?? url.hostname;
}

/** The SDK loads on first use: most sessions never touch blob storage, and it is large. */
export async function blobServiceClient(accountUrl: string, auth: StorageAuth): Promise<BlobServiceClient> {
  const { AnonymousCredential, BlobServiceClient, StorageSharedKeyCredential } = await loadSdk();
  const base = accountUrl.replace(/\/+$/, '');
  // Faults are retried by our own upload loop, which reports them; the SDK's quiet retries would hide them.
  const options = { retryOptions: { maxTries: 1 } };
  switch (auth.kind) {
    case 'key':
      return new BlobServiceClient(base, new StorageSharedKeyCredential(auth.accountName, auth.accountKey), options);
    case 'sas':
      return new BlobServiceClient(`${base}?${auth.sas.replace(/^\?/, '')}`, new AnonymousCredential(), options);
    case 'token':
      return new BlobServiceClient(
        base,
        // The SDK renews the token shortly before expiresOnTimestamp; the provider caches until then.
        { getToken: () => auth.getAccessToken() },
        options,
      );
  }
}

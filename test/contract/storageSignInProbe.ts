// Run by storageSignIn.test.ts in a Node of its own, started with NODE_EXTRA_CA_CERTS naming the test's self-signed
// certificate (the storage SDK has no per-client CA option, and sends bearer tokens only over HTTPS). Pushes with a
// bearer token as a signed-in user does, then tries a token issued for another service; prints what happened as JSON.
import { BlobStore } from '../../src/storage/blobStore';
import { StorageError } from '../../src/storage/storageErrors';

/** An unsigned token in the shape Microsoft Entra ID issues; Azurite's basic OAuth checks audience, issuer and times. */
function entraToken(audience: string): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: audience,
    iss: 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/',
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
  };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.unsigned`;
}

async function main(accountUrl: string): Promise<void> {
  let tokensAsked = 0;
  const signedIn = (audience: string): BlobStore =>
    new BlobStore(accountUrl, {
      kind: 'token',
      getAccessToken: () => {
        tokensAsked++;
        return Promise.resolve({ token: entraToken(audience), expiresOnTimestamp: Date.now() + 3_600_000 });
      },
    });

  const store = signedIn('https://storage.azure.com');
  await store.ensureContainer('signed-in');
  const documents = [{ name: 'docs/one.txt', content: Buffer.from('Signed in with Microsoft Entra ID.') }];
  const first = await store.uploadChanged('signed-in', documents);
  const again = await store.uploadChanged('signed-in', documents);
  const downloaded = (await store.download('signed-in', 'docs/one.txt')).toString('utf8');

  let refused: { message: string; fault: string } | undefined;
  try {
    await signedIn('https://cognitiveservices.azure.com').ensureContainer('not-for-storage');
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    refused = { message: error.message, fault: error.fault };
  }
  process.stdout.write(
    JSON.stringify({ uploaded: first.uploaded, unchangedAgain: again.unchanged, downloaded, tokensAsked, refused }),
  );
}

main(process.argv[2] ?? '').catch((error: unknown) => {
  process.stderr.write(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exit(1);
});

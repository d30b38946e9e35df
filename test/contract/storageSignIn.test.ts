// Blob storage signed in with Microsoft Entra ID, for real: Azurite over HTTPS with its OAuth check on, and the blob
// layer pushing with bearer tokens (the SDK sends them only over HTTPS). Real sign-in needs Microsoft's servers, so
// the tokens are made here in the shape Entra ID issues; Azurite accepts those issued for Azure Storage only.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { startAzurite } from '../azurite';
import type { Azurite } from '../azurite';
import { makeCertificate } from './serviceFixture';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const probeAnswer = z.object({
  uploaded: z.array(z.string()),
  unchangedAgain: z.array(z.string()),
  downloaded: z.string(),
  tokensAsked: z.number(),
  refused: z.object({ message: z.string(), fault: z.string() }).optional(),
});

describe('contract: blob storage signed in with Microsoft Entra ID (Azurite over HTTPS, OAuth on)', function () {
  this.timeout(90_000);
  let dir: string;
  let azurite: Azurite;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cts-signin-'));
    makeCertificate(dir);
    azurite = await startAzurite(ROOT, process.execPath, {
      certFile: path.join(dir, 'cert.pem'),
      keyFile: path.join(dir, 'key.pem'),
    });
  });

  after(async () => {
    await azurite.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('pushes with a bearer token for Azure Storage, and names a token issued for another service', async () => {
    assert.match(azurite.accountUrl, /^https:/);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(__dirname, 'storageSignInProbe.js'), azurite.accountUrl],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem') } },
    );
    const answer = probeAnswer.parse(JSON.parse(stdout));
    assert.deepEqual(answer.uploaded, ['docs/one.txt']);
    assert.deepEqual(answer.unchangedAgain, ['docs/one.txt'], 'the second push compares hashes and uploads nothing');
    assert.equal(answer.downloaded, 'Signed in with Microsoft Entra ID.');
    assert.ok(answer.tokensAsked >= 2, `a token was asked for each signed-in store (${answer.tokensAsked})`);
    assert.ok(answer.refused, 'a token issued for Cognitive Services is refused by storage');
    assert.equal(answer.refused.fault, 'forbidden');
    assert.match(answer.refused.message, /refused the sign-in token/);
    assert.match(answer.refused.message, /127\.0\.0\.1:\d+\/devstoreaccount1/);
  });
});

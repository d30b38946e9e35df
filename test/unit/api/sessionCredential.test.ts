// Tokens from a sign-in session: cached until shortly before they expire, renewed after a 401 (the request sent once
// more), and a refusal explained (which role, on which resource). Against real HTTP servers on 127.0.0.1: a small
// one that records the Authorization header, and the local service started to require a bearer token.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { LanguageClient } from '../../../src/api/client';
import { ApiError } from '../../../src/api/errors';
import { SessionCredential, jwtExpiry } from '../../../src/api/sessionCredential';
import { SignInDeniedError, languageResourceName, signInAdvice } from '../../../src/api/signInDenied';
import { describeError } from '../../../src/core/describeError';
import { startLocalService } from '../../../src/service/server';
import { createKeywordEngine } from '../service/keywordEngine';

/** An unsigned JWT expiring at `expSeconds` (the client reads exp, the service verifies signatures). */
function jwt(expSeconds: number, subject = 'user'): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ exp: expSeconds, sub: subject })}.signature`;
}

/** A session source that hands out the given tokens in turn and records the scopes asked for. */
function sessionOf(...tokens: string[]): { source: (scopes: readonly string[]) => Promise<string>; asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    source: (scopes) => {
      asked.push([...scopes]);
      const token = tokens[Math.min(asked.length - 1, tokens.length - 1)];
      return token === undefined ? Promise.reject(new Error('no token')) : Promise.resolve(token);
    },
  };
}

const SCOPE = 'https://cognitiveservices.azure.com/.default';
const EMPTY_LIST = JSON.stringify({ value: [] });

type Reply = { status: number; body: string; headers?: Record<string, string> };

/** A server that answers each request from `reply` and records the Authorization header and method it got. */
async function withServer(
  reply: (req: IncomingMessage, index: number) => Reply,
  run: (endpoint: string, seen: { authorization: string | undefined; method: string | undefined }[]) => Promise<void>,
): Promise<void> {
  const seen: { authorization: string | undefined; method: string | undefined }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      seen.push({ authorization: req.headers.authorization, method: req.method });
      const answer = reply(req, seen.length - 1);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await run(`http://127.0.0.1:${port}`, seen);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const denied = (status: number, headers: Record<string, string> = {}): Reply => ({
  status,
  body: JSON.stringify({ error: { code: String(status), message: 'Access denied' } }),
  headers,
});

describe('api: tokens from a sign-in session', () => {
  it('reads a JWT’s expiry and nothing from other tokens', () => {
    assert.equal(jwtExpiry(jwt(1_900_000_000)), 1_900_000_000_000);
    assert.equal(jwtExpiry('opaque-token'), undefined);
    assert.equal(jwtExpiry('a.b.c'), undefined, 'a payload that is not JSON');
    assert.equal(jwtExpiry(`x.${Buffer.from('"text"').toString('base64url')}.y`), undefined);
    assert.equal(jwtExpiry(`x.${Buffer.from('{"exp":"soon"}').toString('base64url')}.y`), undefined);
  });

  it('keeps a token until shortly before it expires, then asks the session again', async () => {
    let now = 1_000_000_000_000;
    const first = jwt(now / 1000 + 3600, 'first');
    const second = jwt(now / 1000 + 7200, 'second');
    const session = sessionOf(first, second);
    const credential = new SessionCredential(session.source, SCOPE, { now: () => now, refreshMarginMs: 120_000 });
    assert.equal(await credential.getToken(), first);
    now += 3600_000 - 121_000; // Just outside the margin: still the cached one.
    assert.equal(await credential.getToken(), first);
    assert.equal(session.asked.length, 1);
    now += 2_000; // Inside the last two minutes: a fresh one.
    assert.equal(await credential.getToken(), second);
    assert.deepEqual(session.asked, [[SCOPE], [SCOPE]]);
    const access = await credential.getAccessToken();
    assert.equal(access.expiresOnTimestamp, (1_000_000_000_000 / 1000 + 7200) * 1000, 'the storage SDK gets exp');
  });

  it('keeps an opaque token for a few minutes, and callers at once share one request to the session', async () => {
    let now = 0;
    const session = sessionOf('opaque-1', 'opaque-2');
    const credential = new SessionCredential(session.source, SCOPE, {
      now: () => now,
      opaqueLifetimeMs: 300_000,
      refreshMarginMs: 60_000,
    });
    const together = await Promise.all([credential.getToken(), credential.getToken(), credential.getToken()]);
    assert.deepEqual(together, ['opaque-1', 'opaque-1', 'opaque-1']);
    assert.equal(session.asked.length, 1);
    now = 239_000;
    assert.equal(await credential.getToken(), 'opaque-1');
    now = 241_000;
    assert.equal(await credential.getToken(), 'opaque-2');
  });

  it('refuses an empty token from the session with a sentence, and asks again next time', async () => {
    const session = sessionOf('', 'opaque');
    const credential = new SessionCredential(session.source, SCOPE);
    await assert.rejects(credential.getToken(), /gave no access token: sign in again/);
    assert.equal(await credential.getToken(), 'opaque');
  });

  it('after a 401 gets a fresh token and sends the request once more', async () => {
    const session = sessionOf('revoked-token', 'fresh-token');
    await withServer(
      (req) => (req.headers.authorization === 'Bearer fresh-token' ? { status: 200, body: EMPTY_LIST } : denied(401)),
      async (endpoint, seen) => {
        const client = new LanguageClient({ endpoint, credential: new SessionCredential(session.source, SCOPE) });
        assert.deepEqual(await client.listProjects(), []);
        assert.deepEqual(
          seen.map((s) => s.authorization),
          ['Bearer revoked-token', 'Bearer fresh-token'],
        );
        assert.equal(session.asked.length, 2);
        // The fresh token is kept: the next request asks the session nothing.
        await client.listProjects();
        assert.equal(session.asked.length, 2);
      },
    );
  });

  it('a second 401 is not retried again: the error says to sign in again, naming the resource', async () => {
    const session = sessionOf('bad-1', 'bad-2', 'bad-3');
    await withServer(
      () => denied(401),
      async (endpoint, seen) => {
        const client = new LanguageClient({ endpoint, credential: new SessionCredential(session.source, SCOPE) });
        const error = await client.listProjects().then(
          () => assert.fail('a 401 must fail'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof SignInDeniedError);
        assert.equal(error.status, 401);
        assert.equal(seen.length, 2, 'one retry with a fresh token, no more');
        const resource = new URL(endpoint).host;
        assert.equal(error.resource, resource);
        assert.match(describeError(error).text, /did not accept the Microsoft sign-in \(401\): sign in again/);
        assert.ok(describeError(error).text.includes(resource));
      },
    );
  });

  it('a 403 names the missing role: Reader or Owner to read, Owner to change', async () => {
    const session = sessionOf('valid-token');
    await withServer(
      () => denied(403),
      async (endpoint, seen) => {
        const client = new LanguageClient({ endpoint, credential: new SessionCredential(session.source, SCOPE) });
        await assert.rejects(client.listProjects(), (e: unknown) => {
          assert.ok(e instanceof SignInDeniedError);
          assert.match(
            e.message,
            /Cognitive Services Language Reader \(to read\) or Cognitive Services Language Owner/,
          );
          return true;
        });
        await assert.rejects(client.deleteProjectAndWait('Loans'), (e: unknown) => {
          assert.ok(e instanceof SignInDeniedError);
          assert.match(e.message, /ask for the Cognitive Services Language Owner role on/);
          assert.doesNotMatch(e.message, /Reader/);
          return true;
        });
        assert.deepEqual(
          seen.map((s) => s.method),
          ['GET', 'DELETE'],
          'a 403 is not retried',
        );
      },
    );
  });

  it('leaves key connections and a quota 403 as they were', async () => {
    await withServer(
      (_req, index) => (index === 0 ? denied(401) : denied(403, { 'retry-after': '86400' })),
      async (endpoint, seen) => {
        const keyed = new LanguageClient({ endpoint, credential: { key: 'resource-key' } });
        await assert.rejects(
          keyed.listProjects(),
          (e: unknown) => e instanceof ApiError && !(e instanceof SignInDeniedError),
        );
        assert.equal(seen.length, 1, 'a key is not retried after a 401');
        const signed = new LanguageClient({
          endpoint,
          credential: new SessionCredential(sessionOf('t').source, SCOPE),
          retry: { maxRetries: 0 },
        });
        await assert.rejects(signed.listProjects(), (e: unknown) => {
          assert.ok(e instanceof ApiError && e.isQuotaExceeded && !(e instanceof SignInDeniedError));
          return true;
        });
      },
    );
  });

  it('names a resource from its endpoint, and says what to do for each status', () => {
    assert.equal(languageResourceName(new URL('https://contoso-lang.cognitiveservices.azure.com/')), 'contoso-lang');
    assert.equal(languageResourceName(new URL('http://127.0.0.1:5123')), '127.0.0.1:5123');
    assert.equal(languageResourceName(new URL('http://localhost:80')), 'localhost');
    assert.match(signInAdvice(403, 'contoso-lang', 'PATCH'), /Owner role on contoso-lang \(Access control \(IAM\)/);
  });
});

describe('local service: --require-bearer', () => {
  it('accepts the bearer token a signed-in connection sends, and refuses a key or another token', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cts-bearer-'));
    const token = jwt(Math.floor(Date.now() / 1000) + 3600);
    const service = await startLocalService({ dataDir, engine: createKeywordEngine(), bearerToken: token });
    try {
      const signedIn = new LanguageClient({
        endpoint: service.endpoint,
        credential: new SessionCredential(sessionOf(token).source, SCOPE),
      });
      assert.deepEqual(await signedIn.listProjects(), []);
      const keyed = new LanguageClient({ endpoint: service.endpoint, credential: { key: service.key } });
      await assert.rejects(keyed.listProjects(), (e: unknown) => e instanceof ApiError && e.status === 401);
      const wrong = new LanguageClient({
        endpoint: service.endpoint,
        credential: new SessionCredential(sessionOf('another-token-1', 'another-token-2').source, SCOPE),
        retry: { maxRetries: 0 },
      });
      await assert.rejects(wrong.listProjects(), (e: unknown) => {
        assert.ok(e instanceof SignInDeniedError);
        assert.match(describeError(e).text, /did not accept the Microsoft sign-in/);
        return true;
      });
    } finally {
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

// Behind a corporate proxy: the client reaches the local service (HTTPS, self-signed CA) through a real CONNECT
// proxy, trusts the CA it is given, bypasses the proxy for http.noProxy hosts, signs in to a proxy that asks, and
// says plainly what to do when the proxy or the certificate is refused.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LanguageClient } from '../../src/api/client';
import { NetworkError } from '../../src/api/errors';
import { networkDispatcher } from '../../src/api/proxy';
import type { NetworkSettings } from '../../src/api/proxy';
import { describeError } from '../../src/core/describeError';
import { startProxy } from '../proxyServer';
import { makeCertificate, startService } from './serviceFixture';
import type { RunningService } from './serviceFixture';

describe('contract: behind a proxy, with a private CA', function () {
  this.timeout(30_000);
  let running: RunningService;
  let ca = '';
  let target = '';

  const clientVia = (settings: NetworkSettings): LanguageClient =>
    new LanguageClient({
      endpoint: running.service.endpoint,
      credential: { key: running.service.key },
      dispatcher: networkDispatcher(settings),
      retry: { maxRetries: 0 },
    });
  const failureOf = async (client: LanguageClient): Promise<NetworkError> => {
    const error = await client.listProjects().then(
      () => assert.fail('the request went through'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof NetworkError, String(error));
    return error;
  };

  before(async () => {
    const certDir = await mkdtemp(path.join(os.tmpdir(), 'cts-cert-'));
    const tls = makeCertificate(certDir);
    await rm(certDir, { recursive: true, force: true });
    ca = tls.cert;
    running = await startService({ tls });
    target = new URL(running.service.endpoint).host;
  });
  after(async () => {
    await running.stop();
  });

  it('goes through the proxy (one CONNECT tunnel to the endpoint) and trusts the CA it is given', async () => {
    const proxy = await startProxy();
    try {
      const projects = await clientVia({ proxy: proxy.url, extraCertificates: [ca] }).listProjects();
      assert.ok(Array.isArray(projects));
      assert.deepEqual(proxy.tunnels, [target]);
    } finally {
      await proxy.close();
    }
  });

  it('reaches http.noProxy hosts directly', async () => {
    const proxy = await startProxy();
    try {
      await clientVia({
        proxy: proxy.url,
        noProxy: ['example.com', '127.0.0.1'],
        extraCertificates: [ca],
      }).listProjects();
      assert.deepEqual(proxy.tunnels, []);
    } finally {
      await proxy.close();
    }
  });

  it('refuses an untrusted certificate, saying how to trust it; http.proxyStrictSSL off accepts it', async () => {
    const proxy = await startProxy();
    try {
      const error = await failureOf(clientVia({ proxy: proxy.url }));
      assert.equal(error.kind, 'tls');
      assert.match(describeError(error).text, /certificate is not trusted: add your organization’s CA/);
      await clientVia({ proxy: proxy.url, strictSSL: false }).listProjects();
    } finally {
      await proxy.close();
    }
  });

  it('signs in to a proxy that asks (credentials in the proxy URL, or http.proxyAuthorization), and says so when it cannot', async () => {
    const proxy = await startProxy('alice:s3cret');
    try {
      const error = await failureOf(clientVia({ proxy: proxy.url, extraCertificates: [ca] }));
      assert.equal(error.kind, 'proxy');
      assert.equal(error.causeCode, 'PROXY_407');
      assert.match(
        describeError(error).text,
        /The proxy asks for a sign-in: put user:password in the http\.proxy setting/,
      );
      assert.deepEqual(proxy.tunnels, []);

      const withUser = proxy.url.replace('http://', 'http://alice:s3cret@');
      await clientVia({ proxy: withUser, extraCertificates: [ca] }).listProjects();
      await clientVia({
        proxy: proxy.url,
        proxyAuthorization: `Basic ${btoa('alice:s3cret')}`,
        extraCertificates: [ca],
      }).listProjects();
      assert.deepEqual(proxy.tunnels, [target, target]);
    } finally {
      await proxy.close();
    }
  });

  it('says when the proxy refuses the tunnel', async () => {
    const refusing = createServer();
    refusing.on('connect', (_req: IncomingMessage, socket: Duplex) => {
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
    });
    await new Promise<void>((ok) => refusing.listen(0, '127.0.0.1', ok));
    try {
      const { port } = refusing.address() as AddressInfo;
      const error = await failureOf(clientVia({ proxy: `http://127.0.0.1:${port}`, extraCertificates: [ca] }));
      assert.equal(error.causeCode, 'PROXY_403');
      assert.match(describeError(error).text, /The proxy refused the connection \(HTTP 403\)/);
    } finally {
      await new Promise<void>((ok) =>
        refusing.close(() => {
          ok();
        }),
      );
    }
  });
});

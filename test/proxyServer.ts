// A real HTTP proxy for tests: the `proxy` package (CONNECT tunnels), on loopback, optionally asking for Basic
// credentials; it records the tunnels it let through.
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningProxy {
  url: string;
  /** The CONNECT targets it tunnelled (host:port), in order. */
  tunnels: string[];
  close(): Promise<void>;
}

/** The `proxy` package (an HTTP proxy with CONNECT tunnels), optionally asking for Basic credentials. */
export async function startProxy(credentials?: string): Promise<RunningProxy> {
  const { createProxy } = await import('proxy');
  const server: Server = createProxy(createServer());
  const tunnels: string[] = [];
  server.on('connect', (req: IncomingMessage) => {
    // Counted only once the proxy lets it through.
    if (credentials === undefined || req.headers['proxy-authorization'] === `Basic ${btoa(credentials)}`)
      tunnels.push(req.url ?? '');
  });
  if (credentials !== undefined)
    (server as Server & { authenticate?: (req: IncomingMessage) => boolean }).authenticate = (req) =>
      req.headers['proxy-authorization'] === `Basic ${btoa(credentials)}`;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((ok) =>
        server.close(() => {
          ok();
        }),
      ),
  };
}

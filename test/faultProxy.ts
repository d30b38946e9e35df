// A tiny HTTP proxy in front of a storage endpoint that injects faults on chosen requests: an error status
// (403, 404, 503) or a dropped connection, a set number of times. Everything else passes through unchanged.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultRule {
  method?: string;
  /** Matched against the request path. */
  path?: RegExp;
  status?: number;
  /** The Blob service's error code, sent as x-ms-error-code and in the XML body. */
  code?: string;
  reset?: boolean;
  times: number;
}

export interface FaultProxy {
  url: string;
  rules: FaultRule[];
  /** Requests answered with a fault. */
  injected: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const proxy: FaultProxy = { url: '', rules: [], injected: 0, close: () => Promise.resolve() };
  const server = createServer((req, res) => {
    const rule = proxy.rules.find(
      (r) =>
        r.times > 0 && (r.method === undefined || r.method === req.method) && (r.path?.test(req.url ?? '') ?? true),
    );
    if (rule !== undefined) {
      rule.times -= 1;
      proxy.injected += 1;
      req.resume();
      if (rule.reset === true) {
        req.socket.destroy();
        return;
      }
      const code = rule.code ?? 'ServerBusy';
      res.writeHead(rule.status ?? 503, { 'content-type': 'application/xml', 'x-ms-error-code': code });
      res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>Injected.</Message></Error>`);
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      req.socket.destroy();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    });
  return proxy;
}

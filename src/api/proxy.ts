// The network as the user's machine sees it: a proxy (VS Code's http.proxy, else HTTPS_PROXY / HTTP_PROXY), the
// hosts that bypass it (http.noProxy, else NO_PROXY), and the certificates to trust (Node's roots plus the system's
// and any extra ones), so that requests work behind a corporate proxy that inspects TLS.
import { existsSync, readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import type { Dispatcher } from 'undici';
import { EnvHttpProxyAgent } from 'undici';

export interface NetworkSettings {
  /** http(s)://[user:password@]host:port; undefined: the HTTPS_PROXY / HTTP_PROXY environment variables. */
  proxy?: string | undefined;
  /** Hosts (and .domains, host:port) reached directly; empty: the NO_PROXY environment variable. */
  noProxy?: readonly string[];
  /** The Proxy-Authorization header value (VS Code's http.proxyAuthorization). */
  proxyAuthorization?: string | undefined;
  /** Check the certificates of the proxy and of the service (VS Code's http.proxyStrictSSL). Default true. */
  strictSSL?: boolean;
  /** PEM certificates trusted besides Node's own roots (the system's store, a corporate CA). */
  extraCertificates?: readonly string[];
}

/** One dispatcher for every request of a connection: proxied or direct per host, with the certificates to trust. */
export function networkDispatcher(settings: NetworkSettings): Dispatcher {
  const extra = settings.extraCertificates ?? [];
  const tlsOptions = {
    // One context for every connection: building one from ~150 roots costs tens of milliseconds.
    ...(extra.length === 0
      ? {}
      : { secureContext: tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] }) }),
    rejectUnauthorized: settings.strictSSL ?? true,
  };
  const proxy = settings.proxy?.trim() === '' ? undefined : settings.proxy?.trim();
  const noProxy = (settings.noProxy ?? []).map((h) => h.trim()).filter((h) => h !== '');
  return new EnvHttpProxyAgent({
    ...(proxy === undefined ? {} : { httpProxy: proxy, httpsProxy: proxy }),
    ...(noProxy.length === 0 ? {} : { noProxy: noProxy.join(',') }),
    ...(settings.proxyAuthorization ? { token: settings.proxyAuthorization } : {}),
    // Direct connections, and the TLS inside a proxy's tunnel, to the service:
    connect: tlsOptions,
    requestTls: tlsOptions,
    // An https:// proxy's own certificate:
    proxyTls: tlsOptions,
  });
}

/** Bundles where Linux distributions keep the system's trusted certificates (with the ones an admin added). */
const linuxBundles = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

function certificatesIn(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  } catch {
    return [];
  }
}

/**
 * Certificates to trust besides Node's roots: the system's store (Node's own reader where it has one, 22.15+ on
 * every platform, else the Linux bundle) and NODE_EXTRA_CA_CERTS, which a custom context would otherwise drop.
 */
export function systemCertificates(): string[] {
  const extra = process.env.NODE_EXTRA_CA_CERTS ? certificatesIn(process.env.NODE_EXTRA_CA_CERTS) : [];
  const reader = (tls as { getCACertificates?: (kind: 'system') => string[] }).getCACertificates;
  if (reader !== undefined) {
    try {
      return [...reader('system'), ...extra];
    } catch {
      // No readable store on this machine: read the bundle files.
    }
  }
  const bundle = linuxBundles.find((file) => existsSync(file));
  return [...(bundle === undefined ? [] : certificatesIn(bundle)), ...extra];
}

// Bearer tokens from a sign-in session (in VS Code, the built-in Microsoft authentication provider): one token per
// scope, kept until shortly before it expires, fetched again when it nears expiry or after the service refused it.
import { z } from 'zod';
import type { TokenCredential } from './credentials';

/** The one claim read from a token: when it expires, in seconds since the epoch. */
const jwtClaimsSchema = z.object({ exp: z.number() });

/** Gives an access token for the scopes: a sign-in session. The extension passes VS Code's; tests inject one. */
export type SessionSource = (scopes: readonly string[]) => Promise<string>;

/** A token plus when it stops working (milliseconds since the epoch), as the storage SDK wants it. */
export interface AccessToken {
  token: string;
  expiresOnTimestamp: number;
}

export interface SessionCredentialOptions {
  now?: () => number;
  /** Fetch a new token this long before the cached one expires. Default 2 minutes. */
  refreshMarginMs?: number;
  /**
   * How long a token whose expiry cannot be read (not a JWT) is kept. Default 5 minutes: the session source caches
   * and renews on its side, so asking again costs little.
   */
  opaqueLifetimeMs?: number;
}

/** When a JWT expires, from its `exp` claim (read, not verified: the service verifies); undefined when not a JWT. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined || token.split('.').length !== 3) return undefined;
  try {
    const claims = jwtClaimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return claims.success ? claims.data.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** A TokenCredential for one scope, fed by a session source; concurrent callers share one fetch. */
export class SessionCredential implements TokenCredential {
  private cached: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;
  private readonly now: () => number;
  private readonly refreshMarginMs: number;
  private readonly opaqueLifetimeMs: number;

  constructor(
    private readonly source: SessionSource,
    readonly scope: string,
    options: SessionCredentialOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.refreshMarginMs = options.refreshMarginMs ?? 2 * 60_000;
    this.opaqueLifetimeMs = options.opaqueLifetimeMs ?? 5 * 60_000;
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    return (await this.getAccessToken(signal)).token;
  }

  async getAccessToken(signal?: AbortSignal): Promise<AccessToken> {
    signal?.throwIfAborted();
    const cached = this.cached;
    if (cached !== undefined && this.now() < cached.expiresOnTimestamp - this.refreshMarginMs) return cached;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets the cached token: the service refused it (401), so the next request asks the session again. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async fetch(): Promise<AccessToken> {
    const token = await this.source([this.scope]);
    if (typeof token !== 'string' || token === '') throw new Error('The sign-in gave no access token: sign in again.');
    const fetchedAt = this.now();
    const expiresOnTimestamp = jwtExpiry(token) ?? fetchedAt + this.opaqueLifetimeMs;
    // A token already inside the margin is still used once, but not kept.
    const fresh = { token, expiresOnTimestamp };
    this.cached = expiresOnTimestamp - this.refreshMarginMs > fetchedAt ? fresh : undefined;
    return fresh;
  }
}

/** One SessionCredential per scope, shared by every connection signed in with the same session source. */
export class SessionCredentials {
  private readonly byScope = new Map<string, SessionCredential>();

  constructor(
    private readonly source: SessionSource,
    private readonly options: SessionCredentialOptions = {},
  ) {}

  for(scope: string): SessionCredential {
    let credential = this.byScope.get(scope);
    if (credential === undefined) {
      credential = new SessionCredential(this.source, scope, this.options);
      this.byScope.set(scope, credential);
    }
    return credential;
  }

  /** Drops every cached token (the session source changed). */
  clear(): void {
    this.byScope.clear();
  }
}

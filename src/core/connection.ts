// A connection to a Language resource (or the embedded local service). The key is never part of it:
// keys live in VS Code's SecretStorage.
// Free of zod at run time: activation reads the stored connections, and zod loads only when first used.
import type { z } from 'zod';
import type { connectionSchema } from './connectionSchema';

export type Connection = z.infer<typeof connectionSchema>;

/**
 * The stored connections, checked as `storedConnectionsSchema` would (a unit test holds them to it): all of them,
 * or none when any is malformed.
 */
export function parseStoredConnections(value: unknown): Connection[] {
  if (!Array.isArray(value)) return [];
  const connections: Connection[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return [];
    const { id, name, endpoint, auth } = item as Record<string, unknown>;
    if (typeof id !== 'string' || id === '' || typeof name !== 'string' || name === '') return [];
    if (typeof endpoint !== 'string' || !URL.canParse(endpoint)) return [];
    if (auth === undefined) connections.push({ id, name, endpoint });
    else if (auth === 'key' || auth === 'entra') connections.push({ id, name, endpoint, auth });
    else return [];
  }
  return connections;
}

/** Whether a connection signs in with Microsoft Entra ID rather than sending a resource key. */
export function signsIn(connection: Connection): boolean {
  return connection.auth === 'entra';
}

/** The id of the always-present embedded local service connection. */
export const localConnectionId = 'local';

/** Checks an endpoint typed by a user; returns a message saying what is wrong, or undefined when it is fine. */
export function validateEndpoint(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    // Most often the scheme is missing (a host copied from the portal without it): say exactly what to type.
    const host = value.trim();
    if (/^[\w.-]+\.[\w.-]+(:\d+)?(\/\S*)?$/.test(host))
      return `Start the endpoint with https://, as in https://${host}`;
    return 'Enter a URL such as https://my-resource.cognitiveservices.azure.com';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The endpoint must start with https:// or http://';
  if (url.search !== '' || url.hash !== '') return 'The endpoint must not contain a query or fragment';
  return undefined;
}

/** The endpoint in the form the API client expects: origin plus path, without a trailing slash. */
export function normalizeEndpoint(value: string): string {
  const url = new URL(value.trim());
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

// A connection to a Language resource (or the embedded local service). The key is never part of it:
// keys live in VS Code's SecretStorage.
import { z } from 'zod';

export const connectionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  endpoint: z.url(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const storedConnectionsSchema = z.array(connectionSchema);

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

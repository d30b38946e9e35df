// How requests authenticate: a resource key, or a bearer token from a pluggable provider.

/** Entra ID scope a token provider should request. */
export const cognitiveServicesScope = 'https://cognitiveservices.azure.com/.default';

export interface KeyCredential {
  key: string;
}
export interface TokenCredential {
  /** Returns a bearer token for `cognitiveServicesScope`; called before every request, so it should cache. */
  getToken(signal?: AbortSignal): Promise<string>;
  /** Forgets a cached token the service refused (401): the request is then sent once more with a fresh one. */
  invalidate?(): void;
}
export type Credential = KeyCredential | TokenCredential;

export function isKeyCredential(credential: Credential): credential is KeyCredential {
  return 'key' in credential;
}

export async function authHeaders(credential: Credential, signal?: AbortSignal): Promise<Record<string, string>> {
  if (isKeyCredential(credential)) return { 'ocp-apim-subscription-key': credential.key };
  const token = await credential.getToken(signal);
  return { authorization: `Bearer ${token}` };
}

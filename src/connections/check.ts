import { LanguageClient } from '../api/client';
import type { Credential } from '../api/credentials';
import { networkDispatcher } from '../api/proxy';
import { describeError } from '../core/describeError';
import { normalizeEndpoint } from '../core/connection';
import { getApiVersion, networkSettings } from '../platform/clientSettings';

/** A check answers within this time, or the connection is reported as not answering. */
const checkTimeoutMs = 5_000;

/**
 * Lists one page of projects, once (no retries, a short time limit).
 * Resolves to undefined when the connection works, or to the sentence that says what is wrong.
 */
export async function checkConnection(endpoint: string, credential: Credential): Promise<string | undefined> {
  const client = new LanguageClient({
    endpoint: normalizeEndpoint(endpoint),
    credential,
    apiVersion: getApiVersion(),
    dispatcher: networkDispatcher(networkSettings()),
    retry: { maxRetries: 0 },
    timeoutMs: checkTimeoutMs,
  });
  try {
    await client.listProjectsPage();
    return undefined;
  } catch (error) {
    return describeError(error).text;
  }
}

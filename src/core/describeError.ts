// Turns any failure into a short, actionable sentence for the user (a tree node, a notification);
// the full detail goes to the log.
import { ApiError, JobFailedError, NetworkError, SchemaError, ValidationError } from '../api/errors';
import { SignInDeniedError } from '../api/signInDenied';

export interface ErrorDescription {
  /** What went wrong and what to do, in one sentence. */
  text: string;
  /** A short qualifier: status code, service code, request id. */
  detail?: string;
}

/**
 * Where the failing request went: what to do about an endpoint nobody answers depends on it (the embedded local
 * service is the extension's own; an Azure endpoint is the user's URL, reached through their network).
 */
export type ConnectionPlace = 'local' | 'azure';

/** What to do when the endpoint cannot be reached, by where it is and how it failed (unknown: no advice). */
function unreachableAdvice(kind: string, place: ConnectionPlace | undefined): string | undefined {
  if (place === 'local')
    return 'Refresh to try again; if it goes on, Developer: Reload Window starts the local service again (the log says why it stopped)';
  if (place === 'azure')
    return kind === 'dnsLookup'
      ? 'check the endpoint URL (Edit Connection…)'
      : 'check the endpoint URL (Edit Connection…) and the network; behind a proxy, set the http.proxy setting';
  return undefined;
}

export function describeError(error: unknown, place?: ConnectionPlace): ErrorDescription {
  if (error instanceof ApiError) {
    // The gateway's codes are the status again ("401"): say it once.
    const code = error.innermostCode === String(error.status) ? undefined : error.innermostCode;
    const detail = [`HTTP ${error.status}`, code, error.requestId && `request ${error.requestId}`]
      .filter(Boolean)
      .join(' · ');
    if (error instanceof SignInDeniedError) return { text: error.advice, detail };
    if (error.status === 401) return { text: 'Access denied: check the connection’s key and endpoint', detail };
    if (error.isQuotaExceeded) return { text: `Quota exceeded: ${error.serviceMessage}`, detail };
    if (error.status === 403)
      return {
        text: 'Forbidden: the key or identity lacks permission for this resource (a signed-in identity needs the Cognitive Services Language Owner role on the Language resource, or Cognitive Services Language Reader to only read)',
        detail,
      };
    if (error.status === 404 && error.code === '404') {
      return { text: 'Not found: is this a Language resource endpoint?', detail };
    }
    if (error.status === 429)
      return { text: 'Too many requests: the service is throttling; try again shortly', detail };
    if (error.status >= 500) return { text: `The service had a problem: ${error.serviceMessage}`, detail };
    return { text: error.serviceMessage, detail };
  }
  if (error instanceof NetworkError) {
    if (error.kind === 'proxy') {
      const text =
        error.causeCode === 'PROXY_407'
          ? 'The proxy asks for a sign-in: put user:password in the http.proxy setting, or set http.proxyAuthorization'
          : `The proxy refused the connection (${error.causeCode?.replace('PROXY_', 'HTTP ') ?? 'no tunnel'}): ask its administrator to allow the endpoint, or list the endpoint in http.noProxy`;
      return { text, detail: error.causeCode ?? error.kind };
    }
    if (error.kind === 'tls')
      return {
        text: 'The endpoint’s certificate is not trusted: add your organization’s CA to the system’s certificates, or turn off http.proxyStrictSSL',
        detail: error.causeCode ?? error.kind,
      };
    const what =
      error.kind === 'connectionRefused'
        ? 'Cannot reach the endpoint: connection refused'
        : error.kind === 'dnsLookup'
          ? 'Cannot reach the endpoint: the host name does not resolve'
          : error.kind === 'timeout'
            ? 'The endpoint did not answer in time'
            : 'Cannot reach the endpoint: the connection failed';
    const advice = unreachableAdvice(error.kind, place);
    return {
      text: advice === undefined ? what : `${what}. ${capitalized(advice)}`,
      detail: error.causeCode ?? error.kind,
    };
  }
  if (error instanceof SchemaError) {
    return { text: 'Unexpected response from the service (see the log)', detail: error.operation };
  }
  if (error instanceof JobFailedError) {
    // "Training WebOfScience failed: <what the service said>", with the code and job id as the detail.
    const first = error.errors[0];
    const operation = error.operation.charAt(0).toUpperCase() + error.operation.slice(1);
    return {
      text: `${operation} ${error.status}${first === undefined ? '' : `: ${first.message}`}`,
      detail: [first?.code, `job ${error.jobId}`].filter(Boolean).join(' · '),
    };
  }
  if (error instanceof ValidationError) return { text: error.message };
  if (error instanceof Error) return { text: error.message };
  return { text: String(error) };
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

// A 401 or 403 to a signed-in identity (Microsoft Entra ID) says what to do: which role is missing on which
// Language resource, or that the sign-in itself was not accepted.
import { ApiError } from './errors';
import type { HttpMethod } from './http';

/** The Language resource's name: the custom subdomain of its endpoint, or host and port for a local service. */
export function languageResourceName(endpoint: URL): string {
  const host = endpoint.hostname;
  if (/^[\d.]+$/.test(host) || host.startsWith('[') || host === 'localhost') return endpoint.host;
  return host.split('.')[0] ?? host;
}

/** What a signed-in user is told to do about a refusal; reading needs Reader, anything else Owner. */
export function signInAdvice(status: 401 | 403, resource: string, method: HttpMethod): string {
  if (status === 401)
    return `The Language resource ${resource} did not accept the Microsoft sign-in (401): sign in again (Accounts menu), check that the account belongs to the resource’s tenant and that the endpoint is the resource’s custom-domain endpoint, or add the connection with a key.`;
  const role =
    method === 'GET'
      ? 'Cognitive Services Language Reader (to read) or Cognitive Services Language Owner'
      : 'Cognitive Services Language Owner';
  return `Your Microsoft account has no permission for this on the Language resource ${resource} (403): ask for the ${role} role on ${resource} (Access control (IAM) in the Azure portal), then try again.`;
}

/** An ApiError whose message is the advice for a signed-in user; status and codes stay as the service sent them. */
export class SignInDeniedError extends ApiError {
  constructor(
    error: ApiError,
    readonly resource: string,
    readonly advice: string,
  ) {
    super(
      error.status,
      error.code,
      error.serviceMessage,
      error.operation,
      error.innerErrors,
      error.details,
      error.requestId,
      error.retryAfterMs,
    );
    this.message = advice;
  }
}

/** The refusal explained when the request was sent with a token; other errors unchanged. */
export function explainForSignIn(error: ApiError, endpoint: URL, method: HttpMethod): ApiError {
  if (error instanceof SignInDeniedError) return error;
  if (error.status !== 401 && (error.status !== 403 || error.isQuotaExceeded)) return error;
  const resource = languageResourceName(endpoint);
  return new SignInDeniedError(error, resource, signInAdvice(error.status, resource, method));
}

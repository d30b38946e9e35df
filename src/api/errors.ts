// Typed errors. Messages are built from service text and URLs only: credentials never enter them.
import type { z } from 'zod';
import type { InnerError, ServiceError } from '../contract/common';
import { errorResponseSchema } from '../contract/common';

/** An HTTP error answer from the service. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly serviceMessage: string,
    readonly operation: string,
    readonly innerErrors: readonly InnerError[] = [],
    readonly details: readonly ServiceError[] = [],
    readonly requestId?: string,
    readonly retryAfterMs?: number,
  ) {
    super(describeApiError(status, code, serviceMessage, operation, innerErrors));
  }

  /** The innermost error code, which is the most specific (e.g. InvalidDocumentBatch). */
  get innermostCode(): string {
    return this.innerErrors.at(-1)?.code ?? this.code;
  }

  /** F0 call-volume quota: a 403 whose Retry-After is hours or days away. */
  get isQuotaExceeded(): boolean {
    return (this.status === 403 && this.retryAfterMs !== undefined) || this.code === 'QuotaExceeded';
  }
}

function describeApiError(
  status: number,
  code: string,
  message: string,
  operation: string,
  inner: readonly InnerError[],
): string {
  const innermost = inner.at(-1);
  const suffix = innermost ? ` (${innermost.code}: ${innermost.message})` : '';
  return `${operation} failed with HTTP ${status} ${code}: ${message}${suffix}`;
}

/** Flattens the innererror chain, outermost first. */
export function innerErrorChain(error: ServiceError | InnerError): InnerError[] {
  const chain: InnerError[] = [];
  let current = error.innererror;
  while (current && chain.length < 20) {
    chain.push(current);
    current = current.innererror;
  }
  return chain;
}

export interface ErrorResponseContext {
  status: number;
  body: unknown;
  rawText: string;
  operation: string;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  errorCodeHeader?: string | undefined;
}

/** Builds an ApiError from any error answer, whether or not it has the documented `{ error }` shape. */
export function apiErrorFromResponse(context: ErrorResponseContext): ApiError {
  const parsed = errorResponseSchema.safeParse(context.body);
  if (parsed.success) {
    const e = parsed.data.error;
    return new ApiError(
      context.status,
      e.code,
      e.message,
      context.operation,
      innerErrorChain(e),
      e.details ?? [],
      context.requestId,
      context.retryAfterMs,
    );
  }
  const text = context.rawText.trim().replace(/\s+/g, ' ').slice(0, 200);
  return new ApiError(
    context.status,
    context.errorCodeHeader ?? String(context.status),
    text.length > 0 ? text : 'the service sent no error details',
    context.operation,
    [],
    [],
    context.requestId,
    context.retryAfterMs,
  );
}

export interface SchemaIssue {
  path: string;
  message: string;
}

/** The service answered, but not with what the contract promises (bad JSON or a shape that does not match). */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  constructor(
    readonly operation: string,
    readonly issues: readonly SchemaIssue[],
    readonly requestId?: string,
  ) {
    super(
      `Unexpected response from ${operation}: ${issues
        .slice(0, 3)
        .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
        .join('; ')}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ''}`,
    );
  }

  static fromZod(operation: string, error: z.ZodError, requestId?: string): SchemaError {
    return new SchemaError(
      operation,
      error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      requestId,
    );
  }
}

/** Invalid input caught before anything is sent (names, limits, request bodies). */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  static fromZod(what: string, error: z.ZodError): ValidationError {
    const first = error.issues[0];
    const path = first?.path.map(String).join('.') ?? '';
    const detail = first ? `${path ? `${path}: ` : ''}${first.message}` : 'invalid';
    return new ValidationError(`Invalid ${what}: ${detail}`, path || undefined);
  }
}

export type NetworkErrorKind =
  'connectionReset' | 'connectionRefused' | 'dnsLookup' | 'timeout' | 'tls' | 'proxy' | 'socketClosed' | 'other';

/** The request never got an HTTP answer. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    readonly kind: NetworkErrorKind,
    readonly operation: string,
    readonly causeCode: string | undefined,
    detail: string,
  ) {
    super(`Network error during ${operation} (${kind}${causeCode ? `, ${causeCode}` : ''}): ${detail}`);
  }

  /** Worth retrying: the connection failed, not the address, the certificate or the proxy's decision. */
  get isTransient(): boolean {
    return this.kind !== 'dnsLookup' && this.kind !== 'tls' && this.kind !== 'proxy';
  }
}

/** A long-running job ended without succeeding. */
export class JobFailedError extends Error {
  override readonly name = 'JobFailedError';
  constructor(
    readonly jobId: string,
    readonly status: string,
    readonly errors: readonly ServiceError[],
    readonly operation: string,
  ) {
    const first = errors[0];
    const why = first ? `: ${first.code}: ${first.message}` : '';
    super(`${operation} job ${jobId} ended ${status}${why}`);
  }
}

/** True for a cancellation through an AbortSignal (ours or one from Node/undici). */
export function isAbortError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError') return true;
  return (error as Error & { code?: unknown }).code === 'ABORT_ERR';
}

/** The error thrown when a signal aborts; uses the signal's reason when it is already an abort error. */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && isAbortError(reason)) return reason;
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

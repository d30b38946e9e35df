// Errors in the service's wire shape: {"error":{"code","message","innererror?"}}, with the contract's codes.
import type { ServiceError as ErrorBody, InnerError as InnerErrorBody } from '../contract/common';
import type { ErrorCode, InnerErrorCode } from '../contract/errors';

export interface InnerError extends InnerErrorBody {
  code: InnerErrorCode;
}

/** One error as the contract's schema reads it (job errors, document errors, the error response). */
export type ErrorDetail = ErrorBody;

/** Thrown by handlers; the router turns it into a response with the service's error body. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly innererror?: InnerError,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  toBody(): { error: ErrorDetail } {
    const error: ErrorDetail = { code: this.code, message: this.message };
    if (this.innererror) error.innererror = this.innererror;
    return { error };
  }
}

export function badRequest(message: string, innerCode: InnerErrorCode = 'InvalidParameterValue'): ServiceError {
  return new ServiceError(400, 'InvalidRequest', message, { code: innerCode, message });
}

export function notFound(code: ErrorCode, message: string): ServiceError {
  return new ServiceError(404, code, message);
}

export function conflict(message: string): ServiceError {
  return new ServiceError(409, 'Conflict', message);
}

/** A job error entry (inside a job state's `errors`). */
export function jobError(code: ErrorCode, message: string): ErrorDetail {
  return { code, message };
}

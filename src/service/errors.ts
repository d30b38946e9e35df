// Errors in the service's wire shape: {"error":{"code","message","innererror?"}}.

export interface InnerError {
  code: string;
  message: string;
}

export interface ErrorDetail {
  code: string;
  message: string;
  target?: string;
  innererror?: InnerError;
}

/** Thrown by handlers; the router turns it into a response with the service's error body. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
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

export function badRequest(message: string, innerCode = 'InvalidParameterValue'): ServiceError {
  return new ServiceError(400, 'InvalidRequest', message, { code: innerCode, message });
}

export function notFound(code: string, message: string): ServiceError {
  return new ServiceError(404, code, message);
}

export function conflict(message: string): ServiceError {
  return new ServiceError(409, 'Conflict', message);
}

/** A job error entry (inside a job state's `errors`). */
export function jobError(code: string, message: string): ErrorDetail {
  return { code, message };
}

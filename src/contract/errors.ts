// Error codes: the spec's ErrorCode and InnerErrorCode enums, plus the gateway's numeric-looking codes ("401",
// "404", "429"). The local service can only answer with these; clients tolerate any string.

export const errorCodes = [
  'InvalidRequest',
  'InvalidArgument',
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'ProjectNotFound',
  'OperationNotFound',
  'TooManyRequests',
  'InternalServerError',
  'ServiceUnavailable',
  'Timeout',
  'QuotaExceeded',
  'Conflict',
  'Warning',
] as const;
/** What the API gateway (not the service) answers with. */
export const gatewayErrorCodes = ['401', '403', '404', '429'] as const;
export type ErrorCode = (typeof errorCodes)[number] | (typeof gatewayErrorCodes)[number];

export const innerErrorCodes = [
  'InvalidRequest',
  'InvalidParameterValue',
  'InvalidRequestBodyFormat',
  'EmptyRequest',
  'MissingInputDocuments',
  'InvalidDocument',
  'ModelVersionIncorrect',
  'InvalidDocumentBatch',
  'UnsupportedLanguageCode',
  'InvalidCountryHint',
  // Seen on the runtime for a deployment that does not exist (not in the spec's enum).
  'DeploymentNotFound',
] as const;
export type InnerErrorCode = (typeof innerErrorCodes)[number];

// API versions: what the local service serves and what the client can be set to.

export const AUTHORING_BASE = '/language/authoring/analyze-text';
export const RUNTIME_BASE = '/language/analyze-text';

export const AUTHORING_API_VERSIONS = ['2022-05-01', '2023-04-01'] as const;
export const RUNTIME_API_VERSIONS = ['2022-05-01', '2023-04-01', '2024-11-01'] as const;

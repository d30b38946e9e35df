// API versions: what the local service serves and what the client can be set to.

export const AUTHORING_BASE = '/language/authoring/analyze-text';
export const RUNTIME_BASE = '/language/analyze-text';

/** What today's authoring SDKs (Python 1.0.0b1, .NET 1.0.0-beta) use by default. */
export const PREVIEW_2025 = '2025-05-15-preview';

export const AUTHORING_API_VERSIONS = ['2022-05-01', '2023-04-01', PREVIEW_2025] as const;
export const RUNTIME_API_VERSIONS = ['2022-05-01', '2023-04-01', '2024-11-01', PREVIEW_2025] as const;

/** From 2025-05-15-preview (the versions compare as strings): deployments list their assigned resources. */
export const hasAssignedResources = (apiVersion: string): boolean => apiVersion >= PREVIEW_2025;

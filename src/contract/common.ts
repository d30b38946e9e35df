// Building blocks shared by every schema: tolerant enums, the service error shape, paging and job status.
import { z } from 'zod';

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An enum that accepts any casing ("customMultiLabelClassification", "SUCCEEDED") and outputs the canonical
 * spelling. Docs samples and some service versions disagree on casing, so responses must not depend on it.
 */
export function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  aliases: Readonly<Record<string, T[number]>> = {},
) {
  const canonical = new Map<string, string>(values.map((v) => [v.toLowerCase(), v]));
  for (const [alias, target] of Object.entries(aliases)) canonical.set(alias.toLowerCase(), target);
  return z.preprocess(
    (v) => (typeof v === 'string' ? (canonical.get(v.toLowerCase()) ?? v) : v),
    z.enum(values as unknown as { [K in T[number]]: K }),
  );
}

/** Returns the canonical spelling of `value` among `values`, ignoring case, or undefined. */
export function canonicalCase<T extends string>(values: readonly T[], value: unknown): T | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return values.find((v) => v.toLowerCase() === lower);
}

export const projectKinds = [
  'CustomSingleLabelClassification',
  'CustomMultiLabelClassification',
  'CustomEntityRecognition',
] as const;
/** Every kind the service may list, including retired or preview kinds this client only displays. */
export const anyProjectKinds = [
  ...projectKinds,
  'CustomHealthcare',
  'CustomTextSentiment',
  'CustomAbstractiveSummarization',
] as const;

/** The project kinds this client authors, trains and runs. */
export const projectKindSchema = caseInsensitiveEnum(projectKinds);
export type ProjectKind = z.infer<typeof projectKindSchema>;
/** Any project kind the service can report (listing must not break on a preview project). */
export const anyProjectKindSchema = caseInsensitiveEnum(anyProjectKinds);
export type AnyProjectKind = z.infer<typeof anyProjectKindSchema>;

export const jobStatuses = [
  'notStarted',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'cancelling',
  'partiallyCompleted',
] as const;
// Some service versions report "partiallySucceeded"; it means the same as partiallyCompleted.
export const jobStatusSchema = caseInsensitiveEnum(jobStatuses, { partiallySucceeded: 'partiallyCompleted' });
export type JobStatus = z.infer<typeof jobStatusSchema>;

const terminalStatuses: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled', 'partiallyCompleted']);
export function isTerminalStatus(status: JobStatus): boolean {
  return terminalStatuses.has(status);
}

export interface InnerError {
  code: string;
  message: string;
  target?: string | undefined;
  details?: Record<string, string> | undefined;
  innererror?: InnerError | undefined;
}
export const innerErrorSchema: z.ZodType<InnerError> = z.lazy(() =>
  z.object({
    code: z.string(),
    message: z.string(),
    target: z.string().optional(),
    details: z.record(z.string(), z.string()).optional(),
    innererror: innerErrorSchema.optional(),
  }),
);

export interface ServiceError {
  code: string;
  message: string;
  target?: string | undefined;
  details?: ServiceError[] | undefined;
  innererror?: InnerError | undefined;
}
export const serviceErrorSchema: z.ZodType<ServiceError> = z.lazy(() =>
  z.object({
    // The gateway sends numeric-looking codes ("429"); some proxies send numbers.
    code: z.union([z.string(), z.number().transform(String)]),
    message: z.string(),
    target: z.string().optional(),
    details: z.array(serviceErrorSchema).optional(),
    innererror: innerErrorSchema.optional(),
  }),
);
export const errorResponseSchema = z.object({ error: serviceErrorSchema });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const warningSchema = z.object({
  code: z.string(),
  message: z.string(),
  targetRef: z.string().optional(),
});
export type Warning = z.infer<typeof warningSchema>;

/** `{ value: T[], nextLink }`: the shape of every list endpoint. */
export function pagedSchema<T extends z.ZodType>(item: T) {
  return z.object({
    value: z.array(item),
    nextLink: z.string().nullish(),
  });
}
export interface Page<T> {
  value: T[];
  nextLink?: string | null | undefined;
}

/**
 * Accepts both `lastUpdatedDateTime` (authoring, spec) and `lastUpdateDateTime` (what the runtime really sends)
 * and fills `lastUpdatedDateTime`.
 */
export function normaliseLastUpdated(value: unknown): unknown {
  if (!isRecord(value) || value.lastUpdatedDateTime !== undefined) return value;
  if (value.lastUpdateDateTime === undefined) return value;
  return { ...value, lastUpdatedDateTime: value.lastUpdateDateTime };
}

export const stringIndexTypeSchema = z.enum(['TextElements_v8', 'UnicodeCodePoint', 'Utf16CodeUnit']);
export type StringIndexType = z.infer<typeof stringIndexTypeSchema>;

export const apiVersions = ['2023-04-01', '2022-05-01', '2025-05-15-preview'] as const;
export const apiVersionSchema = z.enum(apiVersions);
export type ApiVersion = z.infer<typeof apiVersionSchema>;

/**
 * An object keyed by names users give (classes, entity types). Unlike z.record, it keeps a key named `__proto__`
 * as an own key (Object.fromEntries defines it, where assignment would set the prototype).
 */
export function namedRecord<V extends z.ZodType>(value: V) {
  return z
    .preprocess((v) => (isRecord(v) ? Object.entries(v) : v), z.array(z.tuple([z.string(), value])))
    .transform((entries) => Object.fromEntries(entries as [string, z.output<V>][]) as Record<string, z.output<V>>);
}

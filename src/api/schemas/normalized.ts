// The one result model every analyze shape (GA, legacy preview, health-style) is normalised into.
import { z } from 'zod';
import { entitySchema } from '../../contract/analyze';
import { jobStatusSchema, serviceErrorSchema, warningSchema } from '../../contract/common';

export const normalizedTaskKinds = [
  'CustomSingleLabelClassification',
  'CustomMultiLabelClassification',
  'CustomEntityRecognition',
  'CustomHealthcare',
] as const;
export const normalizedTaskKindSchema = z.enum(normalizedTaskKinds);
export type NormalizedTaskKind = z.infer<typeof normalizedTaskKindSchema>;

export const classResultSchema = z.object({ category: z.string(), confidenceScore: z.number() });
export type ClassResult = z.infer<typeof classResultSchema>;

/** The contract's entity (offsets in UTF-16 code units, as the client always asks: JS string indices), with health-style extras. */
export const entityResultSchema = entitySchema.extend({
  assertion: z.record(z.string(), z.string()).optional(),
  name: z.string().optional(),
  links: z.array(z.object({ dataSource: z.string(), id: z.string() })).optional(),
  components: z.array(z.object({ kind: z.string(), value: z.string().optional() })).optional(),
});
export type EntityResult = z.infer<typeof entityResultSchema>;

export const relationResultSchema = z.object({
  relationType: z.string(),
  confidenceScore: z.number().optional(),
  /** Each role points at an entity of the same document by its index in `entities`. */
  roles: z.array(z.object({ role: z.string(), entityIndex: z.number().int() })),
});
export type RelationResult = z.infer<typeof relationResultSchema>;

export const documentResultSchema = z.object({
  id: z.string(),
  classes: z.array(classResultSchema).optional(),
  entities: z.array(entityResultSchema).optional(),
  relations: z.array(relationResultSchema).optional(),
  warnings: z.array(warningSchema),
  error: serviceErrorSchema.optional(),
});
export type DocumentResult = z.infer<typeof documentResultSchema>;

export const taskResultSchema = z.object({
  kind: normalizedTaskKindSchema,
  taskName: z.string().optional(),
  status: jobStatusSchema,
  projectName: z.string().optional(),
  deploymentName: z.string().optional(),
  documents: z.array(documentResultSchema),
});
export type TaskResult = z.infer<typeof taskResultSchema>;

export const analyzeResultSchema = z.object({
  jobId: z.string(),
  /** Every job the work was split into, when there was more than one request. */
  jobIds: z.array(z.string()).optional(),
  status: jobStatusSchema,
  displayName: z.string().optional(),
  /** Task-level failures. */
  errors: z.array(serviceErrorSchema),
  tasks: z.array(taskResultSchema),
});
export type AnalyzeResult = z.infer<typeof analyzeResultSchema>;

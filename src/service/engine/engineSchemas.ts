// Runtime checks for data crossing the worker boundary; each schema is tied to its contract type in types.ts.
// zod/mini: the worker bundles only the checks it uses (classic zod would add ~700 KB unminified to it).
import * as z from 'zod/mini';
import type { LabeledDocument, Prediction, SerializedModel, TrainProgress, TrainRequest, TrainResult } from './types';

const projectKindSchema = z.enum([
  'CustomSingleLabelClassification',
  'CustomMultiLabelClassification',
  'CustomEntityRecognition',
]);

const entitySpanSchema = z.object({ category: z.string(), offset: z.int(), length: z.int() });

const labeledDocumentSchema = z.object({
  location: z.string(),
  language: z.string(),
  text: z.string(),
  dataset: z.optional(z.enum(['Train', 'Test'])),
  classes: z.optional(z.array(z.string())),
  regions: z.optional(
    z.array(
      z.object({
        regionOffset: z.int(),
        regionLength: z.int(),
        labels: z.array(entitySpanSchema),
      }),
    ),
  ),
}) satisfies z.ZodMiniType<LabeledDocument>;

export const trainRequestSchema = z.object({
  kind: projectKindSchema,
  categories: z.array(z.string()),
  documents: z.array(labeledDocumentSchema),
  evaluation: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('percentage'),
      trainingSplitPercentage: z.number(),
      testingSplitPercentage: z.number(),
    }),
    z.object({ kind: z.literal('manual') }),
  ]),
  seed: z.number(),
}) satisfies z.ZodMiniType<TrainRequest>;

export const serializedModelSchema = z.object({
  kind: projectKindSchema,
  format: z.string(),
  data: z.unknown(),
}) satisfies z.ZodMiniType<SerializedModel>;

export const trainProgressSchema = z.object({
  trainingPercent: z.number(),
  evaluationPercent: z.number(),
}) satisfies z.ZodMiniType<TrainProgress>;

export const trainResultSchema = z.object({
  model: serializedModelSchema,
  evaluationSummary: z.record(z.string(), z.unknown()),
  documentEvaluations: z.array(z.record(z.string(), z.unknown())),
  trainingDocumentCount: z.number(),
  testingDocumentCount: z.number(),
}) satisfies z.ZodMiniType<TrainResult>;

export const predictionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('classes'),
    classes: z.array(z.object({ category: z.string(), confidenceScore: z.number() })),
  }),
  z.object({
    kind: z.literal('entities'),
    entities: z.array(
      z.object({
        text: z.string(),
        category: z.string(),
        offset: z.number(),
        length: z.number(),
        confidenceScore: z.number(),
      }),
    ),
  }),
]) satisfies z.ZodMiniType<Prediction>;

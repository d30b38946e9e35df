// Runtime analyze-text jobs: the submit body and the job state with custom task results (GA 2022-05-01+ shapes).
import { z } from 'zod';
import {
  caseInsensitiveEnum,
  jobStatusSchema,
  normaliseLastUpdated,
  serviceErrorSchema,
  stringIndexTypeSchema,
  warningSchema,
} from './common';

export const analyzeDocumentSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  language: z.string().optional(),
});
export type AnalyzeDocument = z.infer<typeof analyzeDocumentSchema>;

export const customTaskKinds = [
  'CustomSingleLabelClassification',
  'CustomMultiLabelClassification',
  'CustomEntityRecognition',
] as const;
export type CustomTaskKind = (typeof customTaskKinds)[number];

const customTaskParameters = {
  projectName: z.string().min(1),
  deploymentName: z.string().min(1),
  loggingOptOut: z.boolean().optional(),
};

export const customAnalyzeTaskSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('CustomSingleLabelClassification'),
    taskName: z.string().optional(),
    parameters: z.object(customTaskParameters),
  }),
  z.object({
    kind: z.literal('CustomMultiLabelClassification'),
    taskName: z.string().optional(),
    parameters: z.object(customTaskParameters),
  }),
  z.object({
    kind: z.literal('CustomEntityRecognition'),
    taskName: z.string().optional(),
    parameters: z.object({ ...customTaskParameters, stringIndexType: stringIndexTypeSchema.optional() }),
  }),
]);
export type AnalyzeTask = z.infer<typeof customAnalyzeTaskSchema>;

/** Prebuilt (or preview) tasks may share a job with custom ones; their parameters are passed through. */
export const otherAnalyzeTaskSchema = z.object({
  kind: z.string().refine((k) => !(customTaskKinds as readonly string[]).includes(k), 'use the custom task shape'),
  taskName: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});
export const analyzeTaskSchema = z.union([customAnalyzeTaskSchema, otherAnalyzeTaskSchema]);

export function isCustomAnalyzeTask(task: z.infer<typeof analyzeTaskSchema>): task is AnalyzeTask {
  return (customTaskKinds as readonly string[]).includes(task.kind);
}

/** POST /language/analyze-text/jobs body, its shape alone (the service answers the rules below with its own errors). */
export const analyzeTextJobsBodySchema = z.object({
  displayName: z.string().optional(),
  analysisInput: z.object({ documents: z.array(analyzeDocumentSchema) }),
  tasks: z.array(analyzeTaskSchema),
});

/** POST /language/analyze-text/jobs body as the client builds it. */
export const analyzeTextJobsInputSchema = analyzeTextJobsBodySchema.extend({
  analysisInput: z.object({ documents: z.array(analyzeDocumentSchema).min(1) }),
  tasks: z
    .array(analyzeTaskSchema)
    .min(1)
    .refine((tasks) => new Set(tasks.map((t) => t.taskName ?? t.kind)).size === tasks.length, {
      message: 'task names must be unique',
    }),
});
export type AnalyzeTextJobsInput = z.infer<typeof analyzeTextJobsInputSchema>;

export const classPredictionSchema = z.object({ category: z.string(), confidenceScore: z.number() });

export const documentStatisticsSchema = z.object({ charactersCount: z.number(), transactionsCount: z.number() });
export const requestStatisticsSchema = z.object({
  documentsCount: z.number(),
  validDocumentsCount: z.number(),
  erroneousDocumentsCount: z.number(),
  transactionsCount: z.number(),
});
export const documentErrorSchema = z.object({ id: z.string(), error: serviceErrorSchema });
export type DocumentError = z.infer<typeof documentErrorSchema>;

const documentFields = {
  id: z.string(),
  warnings: z.array(warningSchema).default([]),
  statistics: documentStatisticsSchema.optional(),
};

export const entitySchema = z.object({
  text: z.string(),
  category: z.string(),
  subcategory: z.string().optional(),
  offset: z.number(),
  length: z.number(),
  confidenceScore: z.number(),
});

export const entityComponentKindSchema = caseInsensitiveEnum([
  'PrebuiltComponent',
  'LearnedComponent',
  'ListComponent',
]);

/** Text-analytics-for-health style entity (CustomHealthcare, preview). */
export const healthcareEntitySchema = entitySchema.extend({
  assertion: z
    .object({
      conditionality: z.string().optional(),
      certainty: z.string().optional(),
      association: z.string().optional(),
      temporality: z.string().optional(),
    })
    .optional(),
  name: z.string().optional(),
  links: z.array(z.object({ dataSource: z.string(), id: z.string() })).optional(),
  entityComponentInformation: z
    .array(z.object({ entityComponentKind: entityComponentKindSchema, value: z.string().optional() }))
    .optional(),
});

export const relationSchema = z.object({
  relationType: z.string(),
  confidenceScore: z.number().optional(),
  entities: z.array(z.object({ ref: z.string(), role: z.string() })),
});

const resultsFields = {
  projectName: z.string().optional(),
  deploymentName: z.string().optional(),
  errors: z.array(documentErrorSchema).default([]),
  statistics: requestStatisticsSchema.optional(),
};

export const classificationResultsSchema = z.object({
  ...resultsFields,
  documents: z.array(z.object({ ...documentFields, class: z.array(classPredictionSchema) })),
});
export const entityResultsSchema = z.object({
  ...resultsFields,
  documents: z.array(z.object({ ...documentFields, entities: z.array(entitySchema) })),
});
export const healthcareResultsSchema = z.object({
  ...resultsFields,
  documents: z.array(
    z.object({
      ...documentFields,
      entities: z.array(healthcareEntitySchema),
      relations: z.array(relationSchema).default([]),
    }),
  ),
});

const taskItemFields = {
  taskName: z.string().optional(),
  lastUpdateDateTime: z.string().optional(),
  status: jobStatusSchema,
};

export const customTaskResultKinds = [
  'CustomSingleLabelClassificationLROResults',
  'CustomMultiLabelClassificationLROResults',
  'CustomEntityRecognitionLROResults',
  'CustomHealthcareLROResults',
] as const;

export const customTaskItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('CustomSingleLabelClassificationLROResults'),
    ...taskItemFields,
    results: classificationResultsSchema.optional(),
  }),
  z.object({
    kind: z.literal('CustomMultiLabelClassificationLROResults'),
    ...taskItemFields,
    results: classificationResultsSchema.optional(),
  }),
  z.object({
    kind: z.literal('CustomEntityRecognitionLROResults'),
    ...taskItemFields,
    results: entityResultsSchema.optional(),
  }),
  z.object({
    kind: z.literal('CustomHealthcareLROResults'),
    ...taskItemFields,
    results: healthcareResultsSchema.optional(),
  }),
]);

/** Prebuilt tasks mixed into the same job: kept, but their results are not interpreted. */
const otherTaskItemSchema = z.object({
  kind: z.string().refine((k) => !(customTaskResultKinds as readonly string[]).includes(k)),
  ...taskItemFields,
  results: z.unknown().optional(),
});

export const analyzeTaskItemSchema = z.union([customTaskItemSchema, otherTaskItemSchema]);
export type AnalyzeTaskItem = z.infer<typeof analyzeTaskItemSchema>;
export type CustomTaskItem = z.infer<typeof customTaskItemSchema>;

export function isCustomTaskItem(item: AnalyzeTaskItem): item is CustomTaskItem {
  return (customTaskResultKinds as readonly string[]).includes(item.kind);
}

export const analyzeTextJobStateSchema = z.preprocess(
  normaliseLastUpdated,
  z.object({
    jobId: z.string(),
    createdDateTime: z.string(),
    lastUpdatedDateTime: z.string(),
    expirationDateTime: z.string().optional(),
    status: jobStatusSchema,
    displayName: z.string().optional(),
    errors: z.array(serviceErrorSchema).optional(),
    nextLink: z.string().nullish(),
    statistics: requestStatisticsSchema.optional(),
    tasks: z.object({
      completed: z.number(),
      failed: z.number(),
      inProgress: z.number(),
      total: z.number(),
      items: z.array(analyzeTaskItemSchema).optional(),
    }),
  }),
);
export type AnalyzeTextJobState = z.infer<typeof analyzeTextJobStateSchema>;
export type AnalyzeJobState = AnalyzeTextJobState;

// Model evaluation: the summary and the per-document results.
import { z } from 'zod';
import { anyProjectKinds, canonicalCase, isRecord, namedRecord } from './common';
import { evaluationOptionsSchema } from './model';

export const classEvaluationSchema = z.object({
  f1: z.number(),
  precision: z.number(),
  recall: z.number(),
  truePositiveCount: z.number(),
  trueNegativeCount: z.number(),
  falsePositiveCount: z.number(),
  falseNegativeCount: z.number(),
});
export type ClassEvaluation = z.infer<typeof classEvaluationSchema>;

/** Accepts the plural spellings the docs samples use (`truePositivesCount`). */
function normaliseCountNames(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const name of ['truePositive', 'trueNegative', 'falsePositive', 'falseNegative']) {
    const plural = `${name}sCount`;
    if (out[`${name}Count`] === undefined && out[plural] !== undefined) out[`${name}Count`] = out[plural];
  }
  return out;
}
const classEvaluationTolerantSchema = z.preprocess(normaliseCountNames, classEvaluationSchema);

/** Outer key: labelled class; inner key: predicted class ("$none" = no entity). */
export const confusionMatrixSchema = namedRecord(
  namedRecord(z.object({ normalizedValue: z.number(), rawValue: z.number() })),
);
export type ConfusionMatrix = z.infer<typeof confusionMatrixSchema>;

const averages = {
  microF1: z.number(),
  microPrecision: z.number(),
  microRecall: z.number(),
  macroF1: z.number(),
  macroPrecision: z.number(),
  macroRecall: z.number(),
};

function canonicalKind(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const kind = canonicalCase(anyProjectKinds, value.projectKind);
  return kind === undefined ? value : { ...value, projectKind: kind };
}

export const evaluationSummarySchema = z.preprocess(
  canonicalKind,
  z.discriminatedUnion('projectKind', [
    z.object({
      projectKind: z.literal('CustomSingleLabelClassification'),
      evaluationOptions: evaluationOptionsSchema,
      customSingleLabelClassificationEvaluation: z.object({
        confusionMatrix: confusionMatrixSchema,
        classes: namedRecord(classEvaluationTolerantSchema),
        ...averages,
      }),
    }),
    z.object({
      projectKind: z.literal('CustomMultiLabelClassification'),
      evaluationOptions: evaluationOptionsSchema,
      customMultiLabelClassificationEvaluation: z.object({
        classes: namedRecord(classEvaluationTolerantSchema),
        ...averages,
      }),
    }),
    z.object({
      projectKind: z.literal('CustomEntityRecognition'),
      evaluationOptions: evaluationOptionsSchema,
      customEntityRecognitionEvaluation: z.object({
        confusionMatrix: confusionMatrixSchema,
        entities: namedRecord(classEvaluationTolerantSchema),
        ...averages,
      }),
    }),
  ]),
);
export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>;

const spanSchema = z.object({ category: z.string(), offset: z.number(), length: z.number() });
export const entityRegionEvaluationSchema = z.object({
  regionOffset: z.number(),
  regionLength: z.number(),
  expectedEntities: z.array(spanSchema),
  predictedEntities: z.array(spanSchema),
});

const documentFields = { location: z.string(), language: z.string() };
export const documentEvaluationResultSchema = z.preprocess(
  canonicalKind,
  z.discriminatedUnion('projectKind', [
    z.object({
      projectKind: z.literal('CustomSingleLabelClassification'),
      ...documentFields,
      customSingleLabelClassificationResult: z.object({ expectedClass: z.string(), predictedClass: z.string() }),
    }),
    z.object({
      projectKind: z.literal('CustomMultiLabelClassification'),
      ...documentFields,
      customMultiLabelClassificationResult: z.object({
        expectedClasses: z.array(z.string()),
        predictedClasses: z.array(z.string()),
      }),
    }),
    z.object({
      projectKind: z.literal('CustomEntityRecognition'),
      ...documentFields,
      customEntityRecognitionResult: z.object({ entities: z.array(entityRegionEvaluationSchema) }),
    }),
  ]),
);
export type DocumentEvaluationResult = z.infer<typeof documentEvaluationResultSchema>;

// Trained models and the training request body.
import { z } from 'zod';
import { caseInsensitiveEnum } from './common';

export const evaluationOptionsSchema = z.object({
  kind: caseInsensitiveEnum(['percentage', 'manual']).optional(),
  trainingSplitPercentage: z.number().int().min(0).max(100).optional(),
  testingSplitPercentage: z.number().int().min(0).max(100).optional(),
});
export type EvaluationOptions = z.infer<typeof evaluationOptionsSchema>;

/** POST :train body. */
export const trainingJobOptionsSchema = z
  .object({
    modelLabel: z.string().min(1),
    trainingConfigVersion: z.string().min(1),
    evaluationOptions: evaluationOptionsSchema.optional(),
    // 2025-05-15-preview: synthetic training data from an Azure OpenAI deployment.
    dataGenerationSettings: z.object({ enableDataGeneration: z.boolean() }).loose().optional(),
  })
  .refine(
    (o) => {
      const e = o.evaluationOptions;
      if (e?.kind !== 'percentage' || e.trainingSplitPercentage === undefined) return true;
      return e.testingSplitPercentage === undefined || e.trainingSplitPercentage + e.testingSplitPercentage === 100;
    },
    { message: 'trainingSplitPercentage and testingSplitPercentage must add up to 100', path: ['evaluationOptions'] },
  );
export type TrainingJobOptions = z.infer<typeof trainingJobOptionsSchema>;

export const trainedModelSchema = z.object({
  label: z.string(),
  modelId: z.string(),
  lastTrainedDateTime: z.string(),
  lastTrainingDurationInSeconds: z.number(),
  modelExpirationDate: z.string(),
  modelTrainingConfigVersion: z.string(),
  // Absent before 2023-04-01.
  hasSnapshot: z.boolean().optional(),
});
export type TrainedModel = z.infer<typeof trainedModelSchema>;

// Project metadata and the create/update body.
import { z } from 'zod';
import { anyProjectKindSchema, projectKindSchema } from './common';

export const projectSettingsSchema = z.object({
  // 2023-04-01+: below this score the top class is replaced by "None".
  confidenceThreshold: z.number().min(0).max(1).optional(),
});
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

/** PATCH body for create/update, and `metadata` of a labels file. */
export const createProjectOptionsSchema = z.object({
  projectKind: projectKindSchema,
  storageInputContainerName: z.string().min(1),
  projectName: z.string().min(1),
  language: z.string().min(1),
  multilingual: z.boolean().optional(),
  description: z.string().optional(),
  settings: projectSettingsSchema.optional(),
});
export type CreateProjectOptions = z.infer<typeof createProjectOptionsSchema>;

export const projectMetadataSchema = z.object({
  projectKind: anyProjectKindSchema,
  storageInputContainerName: z.string(),
  projectName: z.string(),
  language: z.string(),
  multilingual: z.boolean().optional(),
  description: z.string().optional(),
  settings: projectSettingsSchema.optional(),
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string(),
  lastTrainedDateTime: z.string().optional(),
  lastDeployedDateTime: z.string().optional(),
});
export type ProjectMetadata = z.infer<typeof projectMetadataSchema>;

export const supportedLanguageSchema = z.object({ languageName: z.string(), languageCode: z.string() });
export type SupportedLanguage = z.infer<typeof supportedLanguageSchema>;

export const trainingConfigVersionSchema = z.object({
  trainingConfigVersion: z.string(),
  modelExpirationDate: z.string(),
});
export type TrainingConfigVersion = z.infer<typeof trainingConfigVersionSchema>;

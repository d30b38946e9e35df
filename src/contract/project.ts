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
  projectKind: projectKindSchema.describe(
    'CustomSingleLabelClassification, CustomMultiLabelClassification or CustomEntityRecognition.',
  ),
  storageInputContainerName: z
    .string()
    .min(1)
    .describe('The blob container (for the local service: the folder) that holds the documents.'),
  projectName: z.string().min(1).describe('Name of the project: 1 to 50 letters, digits, "_", "." or "-".'),
  language: z.string().min(1).describe('Main language of the documents, e.g. "en" or "en-us".'),
  multilingual: z.boolean().optional().describe('Whether the documents are in several languages.'),
  description: z.string().optional().describe('What the project is for.'),
  settings: projectSettingsSchema.optional().describe('Project settings, e.g. confidenceThreshold.'),
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

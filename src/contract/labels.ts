// The labels file ("exported project"): the :import body and the export result.
// Two readings of one definition: the strict one (the service's :import, which rejects undeclared categories and
// labels outside their region) and the workspace one (keeps unknown fields, leaves those checks to validation so
// every problem is reported, not only the first).
import { z } from 'zod';
import { caseInsensitiveEnum, isRecord, canonicalCase, projectKinds } from './common';
import { createProjectOptionsSchema } from './project';

export const datasetSchema = caseInsensitiveEnum(['Train', 'Test']);
export type Dataset = z.infer<typeof datasetSchema>;

const offset = z.number().int().min(0);
const documentFields = {
  location: z
    .string()
    .min(1)
    .describe('Path of the .txt document inside the container (the folder of the labels file), "/" between folders.'),
  language: z
    .string()
    .optional()
    .describe('Language of the document (e.g. "en-us"); defaults to the project language.'),
  dataset: datasetSchema
    .optional()
    .describe('"Train" or "Test" for a manual split; without it the service splits the documents itself.'),
};

const classFields = { category: z.string().min(1).describe('Name of the class.') };
export const exportedClassSchema = z.object(classFields);

const entityLabelFields = {
  category: z.string().min(1).describe('Entity type of the span.'),
  offset: offset.describe('Start of the span in UTF-16 code units from the start of the document.'),
  length: z.number().int().min(1).describe('Length of the span in UTF-16 code units.'),
};
export const entityLabelSchema = z.object(entityLabelFields);
export type EntityLabel = z.infer<typeof entityLabelSchema>;

const regionFields = {
  regionOffset: offset.describe('Start of the labelled region (UTF-16 code units); usually 0.'),
  regionLength: z
    .number()
    .int()
    .min(0)
    .describe('Length of the labelled region; usually the whole document. Training only reads text inside regions.'),
};

export const entityRegionSchema = z
  .object({ ...regionFields, labels: z.array(entityLabelSchema) })
  .superRefine((region, ctx) => {
    const end = region.regionOffset + region.regionLength;
    region.labels.forEach((label, i) => {
      if (label.offset < region.regionOffset || label.offset + label.length > end) {
        ctx.addIssue({
          code: 'custom',
          path: ['labels', i],
          message: `label ${label.category} at ${label.offset}+${label.length} lies outside its region ${region.regionOffset}+${region.regionLength}`,
        });
      }
    });
  });
export type EntityRegion = z.infer<typeof entityRegionSchema>;

const entityTypeFields = {
  category: z.string().min(1).describe('Name of the entity type.'),
  description: z.string().optional().describe('What the entity type means (2024-11-15-preview and later).'),
};

const kindLiteral = <K extends (typeof projectKinds)[number]>(kind: K) =>
  z.literal(kind).describe('The project kind; must equal metadata.projectKind.');

export const singleLabelAssetsSchema = z.object({
  projectKind: kindLiteral('CustomSingleLabelClassification'),
  classes: z.array(exportedClassSchema),
  documents: z.array(z.object({ ...documentFields, class: exportedClassSchema.optional() })),
});
export const multiLabelAssetsSchema = z.object({
  projectKind: kindLiteral('CustomMultiLabelClassification'),
  classes: z.array(exportedClassSchema),
  documents: z.array(z.object({ ...documentFields, classes: z.array(exportedClassSchema).optional() })),
});
export const entityRecognitionAssetsSchema = z.object({
  projectKind: kindLiteral('CustomEntityRecognition'),
  entities: z.array(z.object(entityTypeFields)),
  documents: z.array(z.object({ ...documentFields, entities: z.array(entityRegionSchema).optional() })),
});

/** Normalises the casing of `assets.projectKind` ("customMultiLabelClassification" in real files). */
function canonicalAssetKind(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const kind = canonicalCase(projectKinds, value.projectKind);
  return kind === undefined ? value : { ...value, projectKind: kind };
}

export const exportedProjectAssetsSchema = z.preprocess(
  canonicalAssetKind,
  z.discriminatedUnion('projectKind', [singleLabelAssetsSchema, multiLabelAssetsSchema, entityRecognitionAssetsSchema]),
);
export type ExportedProjectAssets = z.infer<typeof exportedProjectAssetsSchema>;

function declaredCategories(assets: ExportedProjectAssets): Set<string> {
  const list = assets.projectKind === 'CustomEntityRecognition' ? assets.entities : assets.classes;
  return new Set(list.map((c) => c.category));
}

function usedCategories(assets: ExportedProjectAssets): { index: number; category: string }[] {
  const used: { index: number; category: string }[] = [];
  assets.documents.forEach((doc, index) => {
    if ('class' in doc && doc.class) used.push({ index, category: doc.class.category });
    if ('classes' in doc) for (const c of doc.classes ?? []) used.push({ index, category: c.category });
    if ('entities' in doc)
      for (const r of doc.entities ?? []) for (const l of r.labels) used.push({ index, category: l.category });
  });
  return used;
}

const projectFields = {
  projectFileVersion: z
    .string()
    .min(1)
    .describe('Version of the labels file format, e.g. "2023-04-01" (files exported earlier say "2022-05-01").'),
  stringIndexType: z
    .literal('Utf16CodeUnit')
    .describe('How offsets count: UTF-16 code units, the only value authoring accepts.'),
};

export const exportedProjectSchema = z
  .object({ ...projectFields, metadata: createProjectOptionsSchema, assets: exportedProjectAssetsSchema.optional() })
  .superRefine((project, ctx) => {
    const assets = project.assets;
    if (!assets) return;
    if (assets.projectKind !== project.metadata.projectKind) {
      ctx.addIssue({
        code: 'custom',
        path: ['assets', 'projectKind'],
        message: `assets.projectKind ${assets.projectKind} does not match metadata.projectKind ${project.metadata.projectKind}`,
      });
    }
    const declared = declaredCategories(assets);
    for (const { index, category } of usedCategories(assets)) {
      if (!declared.has(category)) {
        ctx.addIssue({
          code: 'custom',
          path: ['assets', 'documents', index],
          message: `document ${assets.documents[index]?.location ?? index} uses undeclared category "${category}"`,
        });
      }
    }
  });
/** A labels file: the import body and the export result. */
export type ExportedProject = z.infer<typeof exportedProjectSchema>;

// The workspace reading: same fields, unknown ones kept (a newer file loses nothing when rewritten), and no
// cross-field checks (validation reports those, each at its place).
const looseClass = z.looseObject(classFields);
const looseRegion = z.looseObject({ ...regionFields, labels: z.array(z.looseObject(entityLabelFields)) });

export const workspaceAssetsSchema = z
  .preprocess(
    canonicalAssetKind,
    z.discriminatedUnion('projectKind', [
      z.looseObject({
        projectKind: kindLiteral('CustomSingleLabelClassification'),
        classes: z.array(looseClass).describe('The classes of the project, in the order they were declared.'),
        documents: z.array(
          z.looseObject({
            ...documentFields,
            class: looseClass.optional().describe('The one class of the document (single-label).'),
          }),
        ),
      }),
      z.looseObject({
        projectKind: kindLiteral('CustomMultiLabelClassification'),
        classes: z.array(looseClass).describe('The classes of the project, in the order they were declared.'),
        documents: z.array(
          z.looseObject({
            ...documentFields,
            classes: z.array(looseClass).optional().describe('The classes of the document (multi-label).'),
          }),
        ),
      }),
      z.looseObject({
        projectKind: kindLiteral('CustomEntityRecognition'),
        entities: z
          .array(z.looseObject(entityTypeFields))
          .describe('The entity types of the project, in the order they were declared.'),
        documents: z.array(
          z.looseObject({
            ...documentFields,
            entities: z
              .array(looseRegion)
              .optional()
              .describe('Labelled regions of the document with their entity spans.'),
          }),
        ),
      }),
    ]),
  )
  .describe('The classes or entity types and the labelled documents.');

export const workspaceLabelsFileSchema = z
  .looseObject({
    ...projectFields,
    metadata: createProjectOptionsSchema.loose().describe('The project: name, kind, language, container.'),
    assets: workspaceAssetsSchema.optional(),
  })
  .describe('A custom text labels file in the Azure AI Language import format.');
/** A labels file as kept in a workspace, beside its documents. */
export type WorkspaceLabelsFile = z.infer<typeof workspaceLabelsFileSchema>;
export type WorkspaceAssets = z.infer<typeof workspaceAssetsSchema>;

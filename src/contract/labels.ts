// The labels file ("exported project"): the :import body and the export result.
import { z } from 'zod';
import { caseInsensitiveEnum, isRecord, canonicalCase, projectKinds } from './common';
import { createProjectOptionsSchema } from './project';

export const datasetSchema = caseInsensitiveEnum(['Train', 'Test']);
export type Dataset = z.infer<typeof datasetSchema>;

const offset = z.number().int().min(0);
const documentFields = {
  location: z.string().min(1),
  language: z.string().optional(),
  dataset: datasetSchema.optional(),
};

export const exportedClassSchema = z.object({ category: z.string().min(1) });

export const entityLabelSchema = z.object({ category: z.string().min(1), offset, length: z.number().int().min(1) });
export type EntityLabel = z.infer<typeof entityLabelSchema>;

export const entityRegionSchema = z
  .object({ regionOffset: offset, regionLength: z.number().int().min(0), labels: z.array(entityLabelSchema) })
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

export const singleLabelAssetsSchema = z.object({
  projectKind: z.literal('CustomSingleLabelClassification'),
  classes: z.array(exportedClassSchema),
  documents: z.array(z.object({ ...documentFields, class: exportedClassSchema.optional() })),
});
export const multiLabelAssetsSchema = z.object({
  projectKind: z.literal('CustomMultiLabelClassification'),
  classes: z.array(exportedClassSchema),
  documents: z.array(z.object({ ...documentFields, classes: z.array(exportedClassSchema).optional() })),
});
export const entityRecognitionAssetsSchema = z.object({
  projectKind: z.literal('CustomEntityRecognition'),
  entities: z.array(z.object({ category: z.string().min(1), description: z.string().optional() })),
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

export const exportedProjectSchema = z
  .object({
    projectFileVersion: z.string().min(1),
    stringIndexType: z.literal('Utf16CodeUnit'),
    metadata: createProjectOptionsSchema,
    assets: exportedProjectAssetsSchema.optional(),
  })
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

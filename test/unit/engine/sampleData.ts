// Loads the bundled labeled sample datasets in samples/ (import labels-file format) as engine documents.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { EngineProjectKind, LabeledDocument } from '../../../src/service/engine/types';

export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const samplesDir = path.join(repoRoot, 'samples');

const labelsFileSchema = z.object({
  assets: z.object({
    projectKind: z.string(),
    classes: z.array(z.object({ category: z.string() })).optional(),
    entities: z.array(z.object({ category: z.string() })).optional(),
    documents: z.array(
      z.object({
        location: z.string(),
        language: z.string().optional(),
        dataset: z.enum(['Train', 'Test']).optional(),
        class: z.object({ category: z.string() }).optional(),
        classes: z.array(z.object({ category: z.string() })).optional(),
        entities: z
          .array(
            z.object({
              regionOffset: z.number(),
              regionLength: z.number(),
              labels: z.array(z.object({ category: z.string(), offset: z.number(), length: z.number() })),
            }),
          )
          .optional(),
      }),
    ),
  }),
});

export interface SampleDataset {
  name: string;
  kind: EngineProjectKind;
  categories: string[];
  documents: LabeledDocument[];
}

const KINDS: Record<string, EngineProjectKind> = {
  customsinglelabelclassification: 'CustomSingleLabelClassification',
  custommultilabelclassification: 'CustomMultiLabelClassification',
  customentityrecognition: 'CustomEntityRecognition',
};

export function loadSample(folder: string, labelsFile: string): SampleDataset {
  const dir = path.join(samplesDir, folder);
  const file = labelsFileSchema.parse(JSON.parse(readFileSync(path.join(dir, labelsFile), 'utf8')));
  // One sample spells the kind in lower camel case: compare case-insensitively.
  const kind = KINDS[file.assets.projectKind.toLowerCase()];
  if (kind === undefined) throw new Error(`Unknown project kind ${file.assets.projectKind}`);
  const categories = (file.assets.classes ?? file.assets.entities ?? []).map((c) => c.category);
  const documents = file.assets.documents.map((d): LabeledDocument => {
    const classes = d.class !== undefined ? [d.class.category] : d.classes?.map((c) => c.category);
    return {
      location: d.location,
      language: d.language ?? 'en',
      text: readFileSync(path.join(dir, d.location), 'utf8'),
      ...(d.dataset === undefined ? {} : { dataset: d.dataset }),
      ...(classes === undefined ? {} : { classes }),
      ...(d.entities === undefined ? {} : { regions: d.entities }),
    };
  });
  return { name: folder, kind, categories, documents };
}

export const loadWebOfScience = (): SampleDataset => loadSample('web-of-science', 'webOfScience_labelsFile.json');
export const loadMovieSummaries = (): SampleDataset => loadSample('movie-summaries', 'movieLabels.json');
export const loadLoanAgreements = (): SampleDataset => loadSample('loan-agreements', 'loanAgreementsLabels.json');

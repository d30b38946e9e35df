// Small projects for the labeling tests, parsed through the workspace schema so they cannot drift from it.
import path from 'node:path';
import { workspaceLabelsFileSchema } from '../../../src/contract/labels';
import type { LabelsFile } from '../../../src/core/labeling/model';

export const SAMPLES = path.resolve(__dirname, '..', '..', '..', '..', 'samples');
export const DATASETS = [
  { folder: 'loan-agreements', labels: 'loanAgreementsLabels.json' },
  { folder: 'movie-summaries', labels: 'movieLabels.json' },
  { folder: 'web-of-science', labels: 'webOfScience_labelsFile.json' },
] as const;

const metadata = (projectKind: string) => ({
  projectKind,
  storageInputContainerName: 'docs',
  projectName: 'Test',
  language: 'en',
});

export function entityProject(
  documents: {
    location: string;
    entities?: {
      regionOffset: number;
      regionLength: number;
      labels: { category: string; offset: number; length: number }[];
    }[];
    dataset?: string;
  }[],
  entities = ['Person', 'City'],
): LabelsFile {
  return workspaceLabelsFileSchema.parse({
    projectFileVersion: '2023-04-01',
    stringIndexType: 'Utf16CodeUnit',
    metadata: metadata('CustomEntityRecognition'),
    assets: { projectKind: 'CustomEntityRecognition', entities: entities.map((category) => ({ category })), documents },
  });
}

export function classProject(
  kind: 'CustomSingleLabelClassification' | 'CustomMultiLabelClassification',
  documents: Record<string, unknown>[],
  classes = ['Sports', 'Politics', 'Science'],
): LabelsFile {
  return workspaceLabelsFileSchema.parse({
    projectFileVersion: '2023-04-01',
    stringIndexType: 'Utf16CodeUnit',
    metadata: metadata(kind),
    assets: { projectKind: kind, classes: classes.map((category) => ({ category })), documents },
  });
}

/** The value of an operation that must succeed (fails the test with its reason otherwise). */
export function value<T>(result: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.reason}`);
  return result.value;
}

/** The reason of an operation that must be refused. */
export function reason(result: { ok: true } | { ok: false; reason: string }): string {
  if (result.ok) throw new Error('expected a refusal, but the operation succeeded');
  return result.reason;
}

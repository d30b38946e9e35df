// Pure helpers for the train and deploy commands: default names, evaluation choices and result summaries.
import { validateName } from '../api/names';
import type { NameKind } from '../api/names';
import type { EvaluationSummary } from '../contract/evaluation';
import type { TrainingJobOptions } from '../contract/model';
import { scoresOf } from './evaluationView';

/** The first of model1, model2, … that no existing model uses. */
export function nextFreeName(prefix: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) if (!taken.has(`${prefix}${i}`.toLowerCase())) return `${prefix}${i}`;
}

/** What is wrong with a name a user typed, or undefined when it is fine (for input box validation). */
export function nameProblem(kind: NameKind, value: string): string | undefined {
  try {
    validateName(kind, value.trim());
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export type EvaluationChoice = 'split80' | 'split90' | 'manual';

export const evaluationChoices: readonly { choice: EvaluationChoice; label: string; detail: string }[] = [
  {
    choice: 'split80',
    label: 'Automatic split: 80% training, 20% testing',
    detail: 'The service picks the test documents at random (the usual choice).',
  },
  {
    choice: 'split90',
    label: 'Automatic split: 90% training, 10% testing',
    detail: 'More data to learn from when the project is small.',
  },
  {
    choice: 'manual',
    label: 'Manual split: each document’s dataset',
    detail: 'Tests on the documents labeled "Test"; the rest train.',
  },
];

export function trainingOptionsFor(modelLabel: string, choice: EvaluationChoice): TrainingJobOptions {
  const evaluationOptions =
    choice === 'manual'
      ? { kind: 'manual' as const }
      : {
          kind: 'percentage' as const,
          trainingSplitPercentage: choice === 'split80' ? 80 : 90,
          testingSplitPercentage: choice === 'split80' ? 20 : 10,
        };
  return { modelLabel, trainingConfigVersion: 'latest', evaluationOptions };
}

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** "micro F1 96.7%, macro F1 88.0% on the test set": the figures users compare models by. */
export function summarizeEvaluation(summary: EvaluationSummary): string {
  const scores = scoresOf(summary);
  return `micro F1 ${percent(scores.microF1)}, macro F1 ${percent(scores.macroF1)} on the test set`;
}

/** "4 s", "2 min 5 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

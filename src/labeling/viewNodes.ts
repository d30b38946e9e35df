// The nodes of the Labeling view. Plain data: the view's provider builds them, commands receive them as targets.
import type { CategoryCount, DocumentRow, SplitCount } from '../core/labeling/summary';

export type LabelingNode =
  | { kind: 'labelingProject'; labelsFile: string }
  | { kind: 'labelingProblem'; labelsFile: string; message: string }
  | { kind: 'labelingCounts'; labelsFile: string }
  | { kind: 'labelingCategory'; labelsFile: string; count: CategoryCount; entities: boolean }
  | { kind: 'labelingDistribution'; labelsFile: string }
  | { kind: 'labelingSplit'; labelsFile: string; name: string; count: SplitCount }
  | { kind: 'labelingPage'; labelsFile: string; from: number; to: number }
  | { kind: 'labelingDocument'; labelsFile: string; row: DocumentRow }
  | { kind: 'labelingEmpty'; labelsFile: string; text: string };

export function isLabelingNode<K extends LabelingNode['kind']>(
  value: unknown,
  kind: K,
): value is Extract<LabelingNode, { kind: K }> {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === kind;
}

// Whether a workspace project and a service's copy of it agree: the same documents (by location) with the same
// labels, and the same classes or entity types. The service's copy is its exported project; document contents are
// not compared here (the service does not export them; Push compares content hashes before it uploads).
import { canonicalAssets } from './labeling/canonical';
import type { LabelsFile } from './labeling/model';
import { assetsOf } from './labeling/model';
import { plural } from './plural';

export type ProjectComparison =
  | { kind: 'agrees' }
  /** `documents`: locations on one side only; `labels`: documents on both whose labels or set differ, plus categories on one side only. */
  | { kind: 'differs'; documents: number; labels: number }
  | { kind: 'absent' }
  /** The service could not be asked (unreachable, no permission): `reason` says why. */
  | { kind: 'unknown'; reason: string };

type Json = ReturnType<typeof canonicalAssets>;

/** What a document's labels are: its set and its classes or entity spans (not its language, which services fill in). */
const LABEL_KEYS = ['dataset', 'class', 'classes', 'entities'] as const;

/** Absent, null and an empty list all mean "no labels". */
function labelValue(value: unknown): unknown {
  return value === undefined || (Array.isArray(value) && value.length === 0) ? null : value;
}

function documentsByLocation(assets: Json): Map<string, string> {
  const documents = (assets as { documents?: Record<string, unknown>[] }).documents ?? [];
  return new Map(
    documents.map((d) => [String(d.location), JSON.stringify(LABEL_KEYS.map((key) => labelValue(d[key])))]),
  );
}

function categoryNames(assets: Json): Set<string> {
  const record = assets as { classes?: { category: string }[]; entities?: { category: string }[] };
  return new Set([...(record.classes ?? []), ...(record.entities ?? [])].map((c) => c.category));
}

/** Compares the workspace labels file with the service's export (undefined: the service has no such project). */
export function compareProjects(workspace: LabelsFile, service: LabelsFile | undefined): ProjectComparison {
  if (service === undefined) return { kind: 'absent' };
  const ours = canonicalAssets(assetsOf(workspace));
  const theirs = canonicalAssets(assetsOf(service));
  const ourDocuments = documentsByLocation(ours);
  const theirDocuments = documentsByLocation(theirs);
  let documents = 0;
  let labels = 0;
  for (const [location, entry] of ourDocuments) {
    const other = theirDocuments.get(location);
    if (other === undefined) documents += 1;
    else if (other !== entry) labels += 1;
  }
  for (const location of theirDocuments.keys()) if (!ourDocuments.has(location)) documents += 1;
  const ourCategories = categoryNames(ours);
  const theirCategories = categoryNames(theirs);
  for (const c of ourCategories) if (!theirCategories.has(c)) labels += 1;
  for (const c of theirCategories) if (!ourCategories.has(c)) labels += 1;
  if (workspace.metadata.projectKind !== service.metadata.projectKind) labels += 1;
  return documents === 0 && labels === 0 ? { kind: 'agrees' } : { kind: 'differs', documents, labels };
}

/** "agrees", "differs (2 documents, 1 label)", "not on this service", or "not checked: …". */
export function describeComparison(comparison: ProjectComparison): string {
  switch (comparison.kind) {
    case 'agrees':
      return 'agrees';
    case 'absent':
      return 'not on this service';
    case 'differs':
      return `differs (${plural(comparison.documents, 'document')}, ${plural(comparison.labels, 'label')})`;
    case 'unknown':
      return `not checked: ${comparison.reason}`;
  }
}

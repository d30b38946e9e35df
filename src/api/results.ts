// Turns any analyze job body (GA, legacy preview, health-style) into the normalised result model.
import { SchemaError } from './errors';
import type { AnalyzeTextJobState, CustomTaskItem } from '../contract/analyze';
import { analyzeTextJobStateSchema, isCustomTaskItem } from '../contract/analyze';
import type { Warning } from '../contract/common';
import type { LegacyAnalyzeJob, LegacyTask, LegacyTaskListKey } from '../contract/legacy';
import { isLegacyAnalyzeJob, legacyAnalyzeJobSchema, legacyTaskListKeys } from '../contract/legacy';
import type {
  AnalyzeResult,
  DocumentResult,
  EntityResult,
  NormalizedTaskKind,
  RelationResult,
  TaskResult,
} from './schemas/normalized';

const gaKinds: Record<CustomTaskItem['kind'], NormalizedTaskKind> = {
  CustomSingleLabelClassificationLROResults: 'CustomSingleLabelClassification',
  CustomMultiLabelClassificationLROResults: 'CustomMultiLabelClassification',
  CustomEntityRecognitionLROResults: 'CustomEntityRecognition',
  CustomHealthcareLROResults: 'CustomHealthcare',
};

const legacyKinds: Record<LegacyTaskListKey, NormalizedTaskKind> = {
  customClassificationTasks: 'CustomSingleLabelClassification',
  customSingleClassificationTasks: 'CustomSingleLabelClassification',
  customMultiClassificationTasks: 'CustomMultiLabelClassification',
  customEntityRecognitionTasks: 'CustomEntityRecognition',
};

/** Index of the entity a relation pointer ("#/results/documents/0/entities/1" or "#/documents/0/entities/1") names. */
export function entityIndexFromRef(
  ref: string,
): { documentIndex: number | undefined; entityIndex: number } | undefined {
  const match = /(?:documents\/(\d+)\/)?entities\/(\d+)$/.exec(ref);
  if (!match?.[2]) return undefined;
  return { documentIndex: match[1] === undefined ? undefined : Number(match[1]), entityIndex: Number(match[2]) };
}

function errorDocuments(errors: { id: string; error: DocumentResult['error'] }[]): DocumentResult[] {
  return errors.map((e) => ({ id: e.id, warnings: [], ...(e.error ? { error: e.error } : {}) }));
}

function normalizeCustomTaskItem(item: CustomTaskItem): TaskResult {
  const kind = gaKinds[item.kind];
  const base = {
    kind,
    ...(item.taskName !== undefined ? { taskName: item.taskName } : {}),
    status: item.status,
    ...(item.results?.projectName !== undefined ? { projectName: item.results.projectName } : {}),
    ...(item.results?.deploymentName !== undefined ? { deploymentName: item.results.deploymentName } : {}),
  };
  const results = item.results;
  if (!results) return { ...base, documents: [] };
  const documents: DocumentResult[] = [];
  switch (item.kind) {
    case 'CustomSingleLabelClassificationLROResults':
    case 'CustomMultiLabelClassificationLROResults':
      for (const d of item.results?.documents ?? [])
        documents.push({ id: d.id, classes: d.class, warnings: d.warnings });
      break;
    case 'CustomEntityRecognitionLROResults':
      for (const d of item.results?.documents ?? []) {
        documents.push({ id: d.id, entities: d.entities.map(plainEntity), warnings: d.warnings });
      }
      break;
    case 'CustomHealthcareLROResults':
      (item.results?.documents ?? []).forEach((d, documentIndex) => {
        const warnings: Warning[] = [...d.warnings];
        const entities = d.entities.map((e): EntityResult => {
          const out = plainEntity(e);
          if (e.assertion) out.assertion = definedStrings(e.assertion);
          if (e.name !== undefined) out.name = e.name;
          if (e.links) out.links = e.links;
          if (e.entityComponentInformation) {
            out.components = e.entityComponentInformation.map((c) => ({
              kind: c.entityComponentKind,
              ...(c.value !== undefined ? { value: c.value } : {}),
            }));
          }
          return out;
        });
        const relations = d.relations.map((r): RelationResult => {
          const roles: RelationResult['roles'] = [];
          for (const member of r.entities) {
            const target = entityIndexFromRef(member.ref);
            const sameDocument = target?.documentIndex === undefined || target.documentIndex === documentIndex;
            if (target && sameDocument && target.entityIndex < entities.length) {
              roles.push({ role: member.role, entityIndex: target.entityIndex });
            } else {
              warnings.push({
                code: 'UnresolvedRelationReference',
                message: `relation ${r.relationType}: cannot resolve ${member.ref}`,
              });
            }
          }
          return {
            relationType: r.relationType,
            ...(r.confidenceScore !== undefined ? { confidenceScore: r.confidenceScore } : {}),
            roles,
          };
        });
        documents.push({ id: d.id, entities, relations, warnings });
      });
      break;
  }
  documents.push(...errorDocuments(results.errors));
  return { ...base, documents };
}

function plainEntity(e: {
  text: string;
  category: string;
  subcategory?: string | undefined;
  offset: number;
  length: number;
  confidenceScore: number;
}): EntityResult {
  const out: EntityResult = {
    text: e.text,
    category: e.category,
    offset: e.offset,
    length: e.length,
    confidenceScore: e.confidenceScore,
  };
  if (e.subcategory !== undefined) out.subcategory = e.subcategory;
  return out;
}

function definedStrings(record: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return out;
}

function normalizeLegacyTask(kind: NormalizedTaskKind, task: LegacyTask): TaskResult {
  const documents: DocumentResult[] = (task.results?.documents ?? []).map((d) => {
    const classes = d.classes ?? d.classifications ?? (d.classification ? [d.classification] : undefined);
    const doc: DocumentResult = { id: d.id, warnings: d.warnings };
    if (classes) doc.classes = classes;
    if (d.entities) doc.entities = d.entities.map(plainEntity);
    return doc;
  });
  documents.push(...errorDocuments(task.results?.errors ?? []));
  const taskName = task.taskName ?? task.name;
  return {
    kind,
    ...(taskName !== undefined ? { taskName } : {}),
    status: task.status,
    ...(task.results?.projectName !== undefined ? { projectName: task.results.projectName } : {}),
    ...(task.results?.deploymentName !== undefined ? { deploymentName: task.results.deploymentName } : {}),
    documents,
  };
}

export function normalizeLegacyJob(job: LegacyAnalyzeJob): AnalyzeResult {
  const tasks: TaskResult[] = [];
  for (const key of legacyTaskListKeys) {
    for (const task of job.tasks[key] ?? []) tasks.push(normalizeLegacyTask(legacyKinds[key], task));
  }
  return {
    jobId: job.jobId,
    status: job.status,
    ...(job.displayName !== undefined ? { displayName: job.displayName } : {}),
    errors: job.errors,
    tasks,
  };
}

export function normalizeJobState(job: AnalyzeTextJobState): AnalyzeResult {
  return {
    jobId: job.jobId,
    status: job.status,
    ...(job.displayName !== undefined ? { displayName: job.displayName } : {}),
    errors: job.errors ?? [],
    tasks: (job.tasks.items ?? []).filter(isCustomTaskItem).map(normalizeCustomTaskItem),
  };
}

/** Parses and normalises one page of an analyze job body in any known shape. */
export function normalizeAnalyzeJob(body: unknown, operation = 'analyze job'): AnalyzeResult {
  if (isLegacyAnalyzeJob(body)) {
    const parsed = legacyAnalyzeJobSchema.safeParse(body);
    if (!parsed.success) throw SchemaError.fromZod(operation, parsed.error);
    return normalizeLegacyJob(parsed.data);
  }
  const parsed = analyzeTextJobStateSchema.safeParse(body);
  if (!parsed.success) throw SchemaError.fromZod(operation, parsed.error);
  return normalizeJobState(parsed.data);
}

/** Appends the documents of a later result page to the matching tasks (by position) of the first. */
export function mergeResultPages(first: AnalyzeResult, next: AnalyzeResult): AnalyzeResult {
  const tasks = first.tasks.map((task, i) => {
    const more = next.tasks[i];
    return more ? { ...task, documents: [...task.documents, ...more.documents] } : task;
  });
  return { ...first, tasks };
}

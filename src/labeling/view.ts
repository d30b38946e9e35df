// The Labeling view: each labels file of the workspace with counts per class or entity type, the Train/Test
// distribution and its documents (labeled or not, their classes or entity counts, their set). A change to one
// project refreshes only that project's node; long document lists come in pages.
import path from 'node:path';
import * as vscode from 'vscode';
import { assetsOf } from '../core/labeling/model';
import type { DocumentFilter, DocumentRow, ProjectSummary } from '../core/labeling/summary';
import type { ProjectRows } from '../core/labeling/summary';
import {
  categoryDescription,
  fewTrainingExamples,
  isLabeled,
  matchesFilter,
  projectRows,
  summarize,
} from '../core/labeling/summary';
import { resolveLocation } from '../core/labeling/locations';
import type { DocumentSuggestions } from '../core/suggestions/suggestions';
import { suggestedInRow } from '../core/suggestions/shown';
import type { LabelingProject, LabelingProjects } from './projects';
import type { LabelingNode } from './viewNodes';

/** Documents shown at once under a project; more are grouped in pages of this size. */
export const PAGE_SIZE = 500;

const KIND_NAMES: Record<string, string> = {
  CustomSingleLabelClassification: 'single-label',
  CustomMultiLabelClassification: 'multi-label',
  CustomEntityRecognition: 'entities',
};

interface Computed {
  rows: DocumentRow[];
  summary: ProjectSummary;
}

export class LabelingTreeProvider implements vscode.TreeDataProvider<LabelingNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LabelingNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** One node per project, kept so a change can refresh just that node. */
  private readonly projectNodes = new Map<string, Extract<LabelingNode, { kind: 'labelingProject' }>>();
  /** Rows and counts per project state: computed once per change, whatever asks for them. */
  private readonly computed = new WeakMap<LabelingProject, Computed>();
  /** The last rows of each project, patched by the next label change rather than made again. */
  private readonly latest = new Map<string, ProjectRows>();
  private filter: DocumentFilter = { kind: 'all' };
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly labeling: LabelingProjects,
    /** Per connection, whether the project agrees with what was last pushed or pulled, and when. */
    private readonly syncNote: (project: LabelingProject) => string | undefined = () => undefined,
    /** A project was expanded: time to compare it with the services' copies. */
    private readonly onProjectExpanded: (project: LabelingProject) => void = () => undefined,
    /** The open suggestions of a document (by absolute path), shown on its row until accepted or rejected. */
    private readonly suggested: (file: string) => DocumentSuggestions | undefined = () => undefined,
  ) {
    this.subscription = labeling.onDidChange(({ project, reason }) => {
      const node = this.projectNodes.get(project.labelsFile);
      if (reason === 'added' || reason === 'removed' || node === undefined) this.changed.fire(undefined);
      else this.changed.fire(node);
    });
  }

  get currentFilter(): DocumentFilter {
    return this.filter;
  }

  /** Shows new push and pull states. */
  refreshProjects(): void {
    this.changed.fire(undefined);
  }

  setFilter(filter: DocumentFilter): void {
    this.filter = filter;
    this.changed.fire(undefined);
  }

  /** The project's documents and counts (cached per state). */
  rowsOf(project: LabelingProject): Computed | undefined {
    const file = project.project?.file;
    if (!file) return undefined;
    let computed = this.computed.get(project);
    if (!computed) {
      const rows = projectRows(file, project.onDisk, this.latest.get(project.labelsFile));
      this.latest.set(project.labelsFile, rows);
      computed = { rows: rows.rows, summary: summarize(file, rows.rows) };
      this.computed.set(project, computed);
    }
    return computed;
  }

  async getChildren(node?: LabelingNode): Promise<LabelingNode[]> {
    await this.labeling.ready();
    if (!node) return this.roots();
    const project = this.labeling.get(node.labelsFile);
    if (!project) return [];
    const computed = this.rowsOf(project);
    switch (node.kind) {
      case 'labelingProject': {
        this.onProjectExpanded(project);
        if (!computed) {
          const message = project.problems[0]?.message ?? 'The labels file does not parse.';
          return [{ kind: 'labelingProblem', labelsFile: project.labelsFile, message }];
        }
        return [
          { kind: 'labelingCounts', labelsFile: project.labelsFile },
          { kind: 'labelingDistribution', labelsFile: project.labelsFile },
          ...this.documentNodes(project.labelsFile, computed.rows),
        ];
      }
      case 'labelingCounts': {
        const entities = isEntityProject(project);
        return (computed?.summary.categories ?? []).map((count) => ({
          kind: 'labelingCategory',
          labelsFile: project.labelsFile,
          count,
          entities,
        }));
      }
      case 'labelingDistribution': {
        if (!computed) return [];
        const { train, test, unassigned } = computed.summary.distribution;
        return [
          { kind: 'labelingSplit', labelsFile: project.labelsFile, name: 'Train', count: train },
          { kind: 'labelingSplit', labelsFile: project.labelsFile, name: 'Test', count: test },
          { kind: 'labelingSplit', labelsFile: project.labelsFile, name: 'Not assigned', count: unassigned },
        ];
      }
      case 'labelingPage':
        return this.filtered(computed?.rows ?? [])
          .slice(node.from, node.to)
          .map((row) => ({ kind: 'labelingDocument', labelsFile: project.labelsFile, row }));
      case 'labelingCategory':
      case 'labelingDocument':
      case 'labelingEmpty':
      case 'labelingProblem':
      case 'labelingSplit':
        return [];
    }
  }

  getTreeItem(node: LabelingNode): vscode.TreeItem {
    const project = this.labeling.get(node.labelsFile);
    switch (node.kind) {
      case 'labelingProject':
        return this.projectItem(node, project);
      case 'labelingProblem': {
        const item = new vscode.TreeItem(node.message);
        item.iconPath = new vscode.ThemeIcon('error');
        item.tooltip = `${node.message}\nClick to open ${node.labelsFile}`;
        item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(node.labelsFile)] };
        return item;
      }
      case 'labelingCounts': {
        const entities = isEntityProject(project);
        const item = new vscode.TreeItem(
          entities ? 'Entity types' : 'Classes',
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = `${node.labelsFile}#counts`;
        item.iconPath = new vscode.ThemeIcon('tag');
        item.contextValue = 'customText:labelingCounts';
        return item;
      }
      case 'labelingCategory': {
        const { count } = node;
        const item = new vscode.TreeItem(count.category);
        item.description = categoryDescription(count, node.entities);
        item.id = `${node.labelsFile}#category:${count.category}`;
        const few = fewTrainingExamples(count);
        item.iconPath = new vscode.ThemeIcon(few === undefined ? 'symbol-enum-member' : 'warning');
        if (few !== undefined) item.tooltip = few;
        item.contextValue = 'customText:labelingCategory';
        return item;
      }
      case 'labelingDistribution': {
        const item = new vscode.TreeItem('Train / Test', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.labelsFile}#distribution`;
        item.iconPath = new vscode.ThemeIcon('graph');
        return item;
      }
      case 'labelingSplit': {
        const item = new vscode.TreeItem(node.name);
        const { documents, instances } = node.count;
        item.description = `${documents} document${documents === 1 ? '' : 's'} · ${instances} label${instances === 1 ? '' : 's'}`;
        item.id = `${node.labelsFile}#split:${node.name}`;
        return item;
      }
      case 'labelingPage': {
        const item = new vscode.TreeItem(
          `Documents ${node.from + 1}–${node.to}`,
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = `${node.labelsFile}#page:${node.from}`;
        item.iconPath = new vscode.ThemeIcon('files');
        return item;
      }
      case 'labelingDocument':
        return documentItem(node, project, this.suggested);
      case 'labelingEmpty': {
        const item = new vscode.TreeItem(node.text);
        item.id = `${node.labelsFile}#empty`;
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private roots(): LabelingNode[] {
    const projects = this.labeling.all();
    const live = new Set(projects.map((p) => p.labelsFile));
    for (const key of this.projectNodes.keys())
      if (!live.has(key)) {
        this.projectNodes.delete(key);
        this.latest.delete(key);
      }
    return projects.map((p) => {
      let node = this.projectNodes.get(p.labelsFile);
      if (!node) {
        node = { kind: 'labelingProject', labelsFile: p.labelsFile };
        this.projectNodes.set(p.labelsFile, node);
      }
      return node;
    });
  }

  private filtered(rows: readonly DocumentRow[]): DocumentRow[] {
    const { filter } = this;
    return filter.kind === 'all' ? [...rows] : rows.filter((row) => matchesFilter(row, filter));
  }

  private documentNodes(labelsFile: string, rows: readonly DocumentRow[]): LabelingNode[] {
    const shown = this.filtered(rows);
    if (shown.length === 0)
      return [
        {
          kind: 'labelingEmpty',
          labelsFile,
          text: rows.length === 0 ? 'No documents' : 'No document matches the filter',
        },
      ];
    if (shown.length <= PAGE_SIZE) return shown.map((row) => ({ kind: 'labelingDocument', labelsFile, row }));
    const pages: LabelingNode[] = [];
    for (let from = 0; from < shown.length; from += PAGE_SIZE)
      pages.push({ kind: 'labelingPage', labelsFile, from, to: Math.min(from + PAGE_SIZE, shown.length) });
    return pages;
  }

  private projectItem(node: LabelingNode, project: LabelingProject | undefined): vscode.TreeItem {
    const file = project?.project?.file;
    const name = file?.metadata.projectName ?? path.basename(node.labelsFile);
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.labelsFile;
    item.contextValue = 'customText:labelingProject';
    const summary = project ? this.rowsOf(project)?.summary : undefined;
    if (file && summary) {
      item.description = `${KIND_NAMES[file.metadata.projectKind] ?? file.metadata.projectKind} · ${summary.labeled}/${summary.documents} labeled`;
      item.iconPath = new vscode.ThemeIcon(
        file.metadata.projectKind === 'CustomEntityRecognition' ? 'symbol-field' : 'tag',
      );
    } else {
      item.description = 'does not parse';
      item.iconPath = new vscode.ThemeIcon('error');
    }
    const sync = project ? this.syncNote(project) : undefined;
    if (sync !== undefined) item.description = `${item.description} · ${sync}`;
    item.tooltip = `${name}\n${node.labelsFile}${sync === undefined ? '' : `\n${sync}`}`;
    return item;
  }
}

const isEntityProject = (project: LabelingProject | undefined): boolean =>
  project?.project !== undefined && assetsOf(project.project.file).projectKind === 'CustomEntityRecognition';

function documentItem(
  node: Extract<LabelingNode, { kind: 'labelingDocument' }>,
  project: LabelingProject | undefined,
  suggested: (file: string) => DocumentSuggestions | undefined,
): vscode.TreeItem {
  const { row } = node;
  const item = new vscode.TreeItem(row.location);
  item.id = `${node.labelsFile}#doc:${row.location}`;
  item.contextValue = 'customText:labelingDocument';
  const file = project ? resolveLocation(project.folder, row.location) : undefined;
  // The model's suggestions for an unlabeled document, set apart from labels (a ghost entry).
  const suggestion = file === undefined ? undefined : suggestedInRow(row, suggested(file));
  const labels = row.entities > 0 ? `${row.entities} entit${row.entities === 1 ? 'y' : 'ies'}` : row.classes.join(', ');
  const parts = [isLabeled(row) ? labels : 'unlabeled', ...(suggestion ? [suggestion] : [])];
  if (row.dataset) parts.push(row.dataset);
  if (!row.onDisk) parts.push('missing on disk');
  else if (!row.listed) parts.push('not in the labels file yet');
  item.description = parts.join(' · ');
  item.iconPath = !row.onDisk
    ? new vscode.ThemeIcon('warning')
    : isLabeled(row)
      ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'))
      : suggestion
        ? new vscode.ThemeIcon('sparkle', new vscode.ThemeColor('descriptionForeground'))
        : new vscode.ThemeIcon('circle-large-outline');
  if (file !== undefined && row.onDisk) {
    item.resourceUri = vscode.Uri.file(file);
    item.command = {
      command: 'vscode.open',
      title: 'Open Document',
      arguments: [vscode.Uri.file(file), { preview: true }],
    };
  }
  item.tooltip = suggestion
    ? `${row.location}\n${item.description}\nOpen it to accept a suggestion (Alt+Y) or reject it (Alt+X).`
    : `${row.location}\n${item.description}`;
  return item;
}

// What the results panel and the editor's underlines show: plain data built by core, carried by the webview
// protocol, drawn by the page. Types only, so the browser bundle can import them.

export interface ClassView {
  category: string;
  confidence: number;
}

export interface EntityView {
  /** Index in the task's entity list (relations point at it). */
  index: number;
  category: string;
  subcategory?: string;
  text: string;
  /** UTF-16 offsets in the analyzed text, plus `offsetBase` of the view for the editor document. */
  offset: number;
  length: number;
  confidence: number;
  /** 1–ENTITY_COLOR_COUNT (entityColors.ts): the category's color, the same in the panel and the editor, run after run. */
  color: number;
  assertion?: Record<string, string>;
  name?: string;
  links?: { dataSource: string; id: string }[];
}

export interface RelationView {
  relationType: string;
  confidence?: number;
  roles: { role: string; entityIndex: number; text: string }[];
}

/** The analyzed text cut into plain runs and entity runs, in order (overlapping entities only in the table). */
export interface TextSegment {
  text: string;
  entityIndex?: number;
}

/** One file of a folder analysis, in the folder summary. */
export interface FolderRow {
  /** Path relative to the folder. */
  file: string;
  /** The top classes, best first. */
  classes: ClassView[];
  /** Entities found, per category. */
  entityCounts: Record<string, number>;
  /** The entities' texts per category, in the order found (distinct). */
  entityTexts: Record<string, string[]>;
  /** Why the file has no result (too long, empty, a service error). */
  problem?: string;
}

export interface FolderView {
  title: string;
  source: string;
  /** Why that deployment (as for a document). */
  why?: string;
  kind: string;
  rows: FolderRow[];
}

export interface Scores {
  f1: number;
  precision: number;
  recall: number;
}

/** What a confusion matrix's counts mean, and each count as drawn. */
export interface ConfusionCounting {
  /** "Counts" (whole test documents) or "Overlap-weighted counts" (entities shared by the characters they overlap). */
  name: string;
  /** The legend: what one count is, and how the counts relate to the TP/FP/FN of the per-class table. */
  legend: string;
  /** Each count as the cells show it: whole numbers as they are, fractions rounded to one decimal. */
  shown: string[][];
}

/** A trained model's evaluation on its test set. */
export interface EvaluationView {
  title: string;
  source: string;
  kind: string;
  /** The split asked for, e.g. "asked for 80% training, 20% testing"; `source` says the documents it made. */
  split: string;
  micro: Scores;
  macro: Scores;
  /** Per class or entity category, worst F1 first: what to label more of. */
  classes: (Scores & { category: string; truePositives: number; falsePositives: number; falseNegatives: number })[];
  /** Rows are the labeled class, columns the predicted one; absent for multi-label. */
  confusion?: {
    labels: string[];
    counts: number[][];
    /** What the counts are, as the matrix's legend says it. */
    counting: ConfusionCounting;
    /** Per cell, the test-set rows (indexes into `testSet.rows`) that count in it, so a click lists them. */
    documents?: number[][][];
  };
  /** How many documents the model was tested on, when the service listed them. */
  testDocuments?: number;
  /** Why not to trust these scores too much (too few test documents). */
  warning?: string;
  /** Each test document, labeled against predicted, when the service listed them. */
  testSet?: TestSetView;
  /** Multi-label only: per class, its test documents in a 2×2 matrix (labeled or not × predicted or not). */
  classMatrices?: ClassMatrix[];
  /** What to label or review next, computed from the evaluation. */
  guidance?: GuidanceItem[];
  /** This model beside another of the project (Compare with Another Model…). */
  comparison?: ModelComparisonView;
}

export interface ResultView {
  title: string;
  /** The project, deployment and task kind that produced it. */
  source: string;
  /** Why that deployment (the document's project's, the user's choice, the one used last). */
  why?: string;
  kind: string;
  /** Where the analyzed text starts in the editor document (the selection's start), for reveal. */
  offsetBase: number;
  classes: ClassView[];
  entities: EntityView[];
  relations: RelationView[];
  segments: TextSegment[];
  /** Warnings and errors the service returned for the document. */
  notes: string[];
}

/** A labeled or predicted entity span of a test document (UTF-16 offsets in the document). */
export interface ReviewSpan {
  category: string;
  offset: number;
  length: number;
}

/** One test document of an evaluation as the page lists it: what it was labeled and predicted, and the counts. */
export interface TestDocumentRow {
  location: string;
  /** Labels (classes or spans) the model found, added and missed. */
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** The labeled and predicted classes, or entity categories with counts, in words. */
  labeled: string;
  predicted: string;
}

/** The test set of an evaluation, worst document first (most errors). */
export interface TestSetView {
  rows: TestDocumentRow[];
  /** How many rows have at least one error. */
  mismatches: number;
}

/** A multi-label class's 2×2 matrix, counted in test documents. */
export interface ClassMatrix {
  category: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** The test-set rows of each cell but "neither" (which holds every other row). */
  documents: { tp: number[]; fp: number[]; fn: number[] };
}

/** One piece of advice: what is wrong, what to do, and the test documents it is about. */
export interface GuidanceItem {
  kind: 'fewTraining' | 'fewTest' | 'missingFromTest' | 'unbalanced' | 'confused';
  /** One sentence that says what to do. */
  text: string;
  /** The classes it is about. */
  classes: string[];
  /** Rows of the test set to review (indexes into `testSet.rows`). */
  documents: number[];
}

/** Two models of a project side by side: per-class F1 and the test documents where their predictions differ. */
export interface ModelComparisonView {
  /** This model's label (the evaluation's) and the other's. */
  model: string;
  otherModel: string;
  /** Per class, both F1 scores (absent where a model does not know the class) and other − this; worst drop first. */
  classes: { category: string; f1?: number; otherF1?: number; difference?: number }[];
  /** Test documents both models were tested on. */
  commonDocuments: number;
  /** Documents where the predictions differ, with each model's errors; `row` opens it from this model's test set. */
  disagreements: {
    location: string;
    row: number;
    predicted: string;
    otherPredicted: string;
    errors: number;
    otherErrors: number;
  }[];
}

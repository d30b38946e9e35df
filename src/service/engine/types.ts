// The contract between the local service (HTTP, storage, jobs) and the training engine.
// Everything here is plain JSON-serialisable data, so it can cross a worker-thread boundary.

export type EngineProjectKind =
  'CustomSingleLabelClassification' | 'CustomMultiLabelClassification' | 'CustomEntityRecognition';

/** An entity label; offsets and lengths are UTF-16 code units into the document text. */
export interface EntitySpan {
  category: string;
  offset: number;
  length: number;
}

export interface LabeledRegion {
  regionOffset: number;
  regionLength: number;
  labels: EntitySpan[];
}

export interface LabeledDocument {
  location: string;
  language: string;
  text: string;
  /** From the labels file; absent means the split decides. */
  dataset?: 'Train' | 'Test';
  /** Classification labels: one for single-label, zero or more for multi-label. */
  classes?: string[];
  /** Entity labels (entity recognition only). */
  regions?: LabeledRegion[];
}

export type EvaluationOptions =
  { kind: 'percentage'; trainingSplitPercentage: number; testingSplitPercentage: number } | { kind: 'manual' };

export interface TrainRequest {
  kind: EngineProjectKind;
  /** Every class or entity category declared by the project, in declaration order. */
  categories: string[];
  documents: LabeledDocument[];
  evaluation: EvaluationOptions;
  /** Seeds the split shuffle and any randomness in training: same seed, same model. */
  seed: number;
}

/** An opaque, JSON-serialisable trained model. */
export interface SerializedModel {
  kind: EngineProjectKind;
  format: string;
  data: unknown;
}

export interface TrainResult {
  model: SerializedModel;
  /** The body of GET …/models/{label}/evaluation/summary-result, exactly in the service's shape. */
  evaluationSummary: Record<string, unknown>;
  /** The items of GET …/models/{label}/evaluation/result (stringIndexType Utf16CodeUnit), in the service's shape. */
  documentEvaluations: Record<string, unknown>[];
  trainingDocumentCount: number;
  testingDocumentCount: number;
}

export interface ClassPrediction {
  category: string;
  confidenceScore: number;
}

/** Offsets and lengths in UTF-16 code units; the service converts to the requested stringIndexType. */
export interface EntityPrediction {
  text: string;
  category: string;
  offset: number;
  length: number;
  confidenceScore: number;
}

export type Prediction =
  { kind: 'classes'; classes: ClassPrediction[] } | { kind: 'entities'; entities: EntityPrediction[] };

export interface TrainProgress {
  /** 0..100 */
  trainingPercent: number;
  /** 0..100 */
  evaluationPercent: number;
}

export interface TrainOptions {
  /** Aborting stops the work (the worker is terminated) and rejects with an AbortError. */
  signal?: AbortSignal;
  onProgress?: (progress: TrainProgress) => void;
}

export interface PredictOptions {
  signal?: AbortSignal;
  /** A stable id for the model (e.g. its modelId): lets workers keep it loaded between calls. */
  cacheKey?: string;
}

/** Trains and predicts off the caller's thread. */
export interface Engine {
  train(request: TrainRequest, options?: TrainOptions): Promise<TrainResult>;
  /** One prediction per text, in order. */
  predict(model: SerializedModel, texts: string[], options?: PredictOptions): Promise<Prediction[]>;
  close(): Promise<void>;
}

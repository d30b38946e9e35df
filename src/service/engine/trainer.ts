// The whole training job, in-process: validate, split, train on the training split, evaluate on the testing
// split and return the evaluated model with the service's evaluation payloads.
import type { EntityRecognizer } from './entityRecognizer';
import {
  ENTITY_RECOGNIZER_FORMAT,
  WORD_SEGMENTED_RECOGNIZER_FORMAT,
  deserializeEntityRecognizer,
  recognizeEntities,
  serializeEntityRecognizer,
  trainEntityRecognizer,
} from './entityRecognizer';
import type { EntityOutcome, MultiLabelOutcome, SingleLabelOutcome } from './evaluation';
import { evaluateEntities, evaluateMultiLabel, evaluateSingleLabel } from './evaluation';
import { TrainingDataError, splitDocuments } from './split';
import type { TextClassifier, TextFeatures } from './textClassifier';
import {
  TEXT_CLASSIFIER_FORMAT,
  WORDS_ONLY_CLASSIFIER_FORMAT,
  classProbabilities,
  decideClasses,
  deserializeTextClassifier,
  serializeTextClassifier,
  trainTextClassifier,
} from './textClassifier';
import type { UnspacedTokens } from './tokenize';
import type { LabeledDocument, Prediction, SerializedModel, TrainProgress, TrainRequest, TrainResult } from './types';

export type ProgressSink = (progress: TrainProgress) => void;

/** A model ready to predict: deserialized once, reused for many texts. */
export type LoadedModel =
  | { kind: 'CustomSingleLabelClassification' | 'CustomMultiLabelClassification'; classifier: TextClassifier }
  | { kind: 'CustomEntityRecognition'; recognizer: EntityRecognizer };

function checkCategories(request: TrainRequest): void {
  if (request.categories.length === 0) {
    const what = request.kind === 'CustomEntityRecognition' ? 'entity' : 'class';
    throw new TrainingDataError(`The project declares no ${what}; add at least one before training.`);
  }
  const declared = new Set(request.categories);
  for (const d of request.documents) {
    const used = [...(d.classes ?? []), ...(d.regions ?? []).flatMap((r) => r.labels.map((l) => l.category))];
    const unknown = used.find((c) => !declared.has(c));
    if (unknown !== undefined) {
      throw new TrainingDataError(`Document '${d.location}' uses '${unknown}', which the project does not declare.`);
    }
    if (request.kind === 'CustomSingleLabelClassification' && (d.classes?.length ?? 0) > 1) {
      throw new TrainingDataError(
        `Document '${d.location}' has ${d.classes?.length ?? 0} classes; a single-label project allows one per document.`,
      );
    }
    for (const r of d.regions ?? []) {
      const regionEnd = r.regionOffset + r.regionLength;
      if (r.regionOffset < 0 || r.regionLength < 0 || regionEnd > d.text.length) {
        throw new TrainingDataError(
          `Document '${d.location}' has a labeled region (${r.regionOffset}, length ${r.regionLength}) outside its ${d.text.length} characters.`,
        );
      }
      for (const l of r.labels) {
        if (l.offset < r.regionOffset || l.length <= 0 || l.offset + l.length > regionEnd) {
          throw new TrainingDataError(
            `Document '${d.location}' has a '${l.category}' label at ${l.offset} (length ${l.length}) outside its labeled region.`,
          );
        }
      }
    }
  }
}

/** Unlabeled documents take no part in training or evaluation. */
function isLabeled(kind: TrainRequest['kind'], d: LabeledDocument): boolean {
  return kind === 'CustomEntityRecognition' ? (d.regions?.length ?? 0) > 0 : (d.classes?.length ?? 0) > 0;
}

function evaluationKey(kind: TrainRequest['kind']): string {
  switch (kind) {
    case 'CustomSingleLabelClassification':
      return 'customSingleLabelClassificationEvaluation';
    case 'CustomMultiLabelClassification':
      return 'customMultiLabelClassificationEvaluation';
    case 'CustomEntityRecognition':
      return 'customEntityRecognitionEvaluation';
  }
}

export function trainModel(request: TrainRequest, onProgress: ProgressSink = () => undefined): TrainResult {
  checkCategories(request);
  const labeled = request.documents.filter((d) => isLabeled(request.kind, d));
  const { training, testing } = splitDocuments(labeled, request.evaluation, request.seed);
  onProgress({ trainingPercent: 0, evaluationPercent: 0 });
  const loaded = trainOn(request, training, onProgress);
  onProgress({ trainingPercent: 100, evaluationPercent: 0 });
  const documentEvaluations: Record<string, unknown>[] = [];
  const base = (d: LabeledDocument): Record<string, unknown> => ({
    location: d.location,
    language: d.language,
    projectKind: request.kind,
  });
  const report = (done: number): void => {
    onProgress({ trainingPercent: 100, evaluationPercent: Math.round((done / testing.length) * 100) });
  };
  let evaluation: object;
  if (loaded.kind === 'CustomEntityRecognition') {
    const outcomes: EntityOutcome[] = [];
    testing.forEach((d, i) => {
      const regions = (d.regions ?? []).map((r) => {
        const predicted = recognizeEntities(loaded.recognizer, d.text, r.regionOffset, r.regionOffset + r.regionLength);
        const expected = r.labels.map((l) => ({ category: l.category, offset: l.offset, length: l.length }));
        const predictedSpans = predicted.map((p) => ({ category: p.category, offset: p.offset, length: p.length }));
        outcomes.push({ expected, predicted: predictedSpans });
        return {
          expectedEntities: expected,
          predictedEntities: predictedSpans,
          regionOffset: r.regionOffset,
          regionLength: r.regionLength,
        };
      });
      documentEvaluations.push({ ...base(d), customEntityRecognitionResult: { entities: regions } });
      report(i + 1);
    });
    evaluation = evaluateEntities(request.categories, outcomes);
  } else if (loaded.kind === 'CustomSingleLabelClassification') {
    const outcomes: SingleLabelOutcome[] = [];
    testing.forEach((d, i) => {
      const chosen = decideClasses(loaded.classifier, classProbabilities(loaded.classifier, d.text));
      const outcome = { expected: d.classes?.[0] ?? '', predicted: loaded.classifier.classes[chosen[0] ?? 0] ?? '' };
      outcomes.push(outcome);
      documentEvaluations.push({
        ...base(d),
        customSingleLabelClassificationResult: { expectedClass: outcome.expected, predictedClass: outcome.predicted },
      });
      report(i + 1);
    });
    evaluation = evaluateSingleLabel(request.categories, outcomes);
  } else {
    const outcomes: MultiLabelOutcome[] = [];
    testing.forEach((d, i) => {
      const chosen = decideClasses(loaded.classifier, classProbabilities(loaded.classifier, d.text));
      const outcome = { expected: d.classes ?? [], predicted: chosen.map((k) => loaded.classifier.classes[k] ?? '') };
      outcomes.push(outcome);
      documentEvaluations.push({
        ...base(d),
        customMultiLabelClassificationResult: {
          expectedClasses: outcome.expected,
          predictedClasses: outcome.predicted,
        },
      });
      report(i + 1);
    });
    evaluation = evaluateMultiLabel(request.categories, outcomes);
  }
  onProgress({ trainingPercent: 100, evaluationPercent: 100 });
  return {
    model: serializeModel(loaded),
    evaluationSummary: {
      projectKind: request.kind,
      [evaluationKey(request.kind)]: evaluation,
      evaluationOptions: { ...request.evaluation },
    },
    documentEvaluations,
    trainingDocumentCount: training.length,
    testingDocumentCount: testing.length,
  };
}

function trainOn(request: TrainRequest, training: readonly LabeledDocument[], onProgress: ProgressSink): LoadedModel {
  if (request.kind === 'CustomEntityRecognition') {
    const regions = training.flatMap((d) => (d.regions ?? []).map((region) => ({ text: d.text, region })));
    const recognizer = trainEntityRecognizer(regions, request.categories, request.seed, (fraction) => {
      onProgress({ trainingPercent: Math.min(99, Math.round(fraction * 100)), evaluationPercent: 0 });
    });
    return { kind: request.kind, recognizer };
  }
  const index = new Map(request.categories.map((c, i) => [c, i]));
  const documents = training.map((d) => ({
    text: d.text,
    labels: (d.classes ?? []).map((c) => index.get(c) ?? 0),
  }));
  const multiLabel = request.kind === 'CustomMultiLabelClassification';
  return {
    kind: request.kind,
    classifier: trainTextClassifier(documents, request.categories, multiLabel, request.seed),
  };
}

export function serializeModel(loaded: LoadedModel): SerializedModel {
  if (loaded.kind === 'CustomEntityRecognition') {
    const format = loaded.recognizer.unspaced === 'words' ? WORD_SEGMENTED_RECOGNIZER_FORMAT : ENTITY_RECOGNIZER_FORMAT;
    return { kind: loaded.kind, format, data: serializeEntityRecognizer(loaded.recognizer) };
  }
  const format = loaded.classifier.features === 'words' ? WORDS_ONLY_CLASSIFIER_FORMAT : TEXT_CLASSIFIER_FORMAT;
  return { kind: loaded.kind, format, data: serializeTextClassifier(loaded.classifier) };
}

/** The formats a model may be saved in, with what each means for tokens or features. */
const RECOGNIZER_FORMATS = new Map<string, UnspacedTokens>([
  [ENTITY_RECOGNIZER_FORMAT, 'characters'],
  [WORD_SEGMENTED_RECOGNIZER_FORMAT, 'words'],
]);
const CLASSIFIER_FORMATS = new Map<string, TextFeatures>([
  [TEXT_CLASSIFIER_FORMAT, 'wordsAndChars'],
  [WORDS_ONLY_CLASSIFIER_FORMAT, 'words'],
]);

export function loadModel(model: SerializedModel): LoadedModel {
  if (model.kind === 'CustomEntityRecognition') {
    const unspaced = RECOGNIZER_FORMATS.get(model.format);
    if (unspaced === undefined)
      throw new Error(`Unsupported entity model format '${model.format}': train the model again.`);
    return { kind: model.kind, recognizer: deserializeEntityRecognizer(model.data, unspaced) };
  }
  const features = CLASSIFIER_FORMATS.get(model.format);
  if (features === undefined)
    throw new Error(`Unsupported classification model format '${model.format}': train the model again.`);
  const classifier = deserializeTextClassifier(model.data, features);
  if (classifier.multiLabel !== (model.kind === 'CustomMultiLabelClassification')) {
    throw new Error(`The model's data does not match its kind '${model.kind}'.`);
  }
  return { kind: model.kind, classifier };
}

export function predictTexts(loaded: LoadedModel, texts: readonly string[]): Prediction[] {
  if (loaded.kind === 'CustomEntityRecognition') {
    return texts.map((text) => ({
      kind: 'entities',
      entities: recognizeEntities(loaded.recognizer, text).map((e) => ({
        text: text.slice(e.offset, e.offset + e.length),
        category: e.category,
        offset: e.offset,
        length: e.length,
        confidenceScore: e.confidenceScore,
      })),
    }));
  }
  const c = loaded.classifier;
  return texts.map((text) => {
    const probabilities = classProbabilities(c, text);
    return {
      kind: 'classes',
      classes: decideClasses(c, probabilities).map((k) => ({
        category: c.classes[k] ?? '',
        confidenceScore: probabilities[k] ?? 0,
      })),
    };
  });
}

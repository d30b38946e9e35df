// A tiny, deterministic engine for the HTTP-side tests: it "trains" by remembering which words each category's
// documents contain, so tests can predict exact answers. The real engine is tested by its own suite.
import type { Engine, Prediction, SerializedModel, TrainRequest, TrainResult } from '../../../src/service/engine/types';

interface KeywordModel {
  /** category → a word that marks it (its own name, lower-cased). */
  categories: string[];
  /** Entity surface forms seen in training, with their category. */
  entities: { text: string; category: string }[];
}

export interface KeywordEngine extends Engine {
  trainCalls: number;
  predictCalls: number;
  /** Makes train wait until released (to observe running jobs and cancellation). */
  holdTraining: boolean;
  release(): void;
}

export function createKeywordEngine(): KeywordEngine {
  let releaseHeld: (() => void) | undefined;
  const engine: KeywordEngine = {
    trainCalls: 0,
    predictCalls: 0,
    holdTraining: false,
    release() {
      releaseHeld?.();
    },
    async train(request: TrainRequest, options = {}): Promise<TrainResult> {
      engine.trainCalls += 1;
      options.onProgress?.({ trainingPercent: 50, evaluationPercent: 0 });
      if (engine.holdTraining) {
        await new Promise<void>((resolve, reject) => {
          releaseHeld = resolve;
          options.signal?.addEventListener('abort', () => {
            reject(new DOMException('aborted', 'AbortError'));
          });
        });
      }
      options.signal?.throwIfAborted();
      options.onProgress?.({ trainingPercent: 100, evaluationPercent: 100 });
      const entities = request.documents.flatMap((d) =>
        (d.regions ?? []).flatMap((r) =>
          r.labels.map((l) => ({ text: d.text.slice(l.offset, l.offset + l.length), category: l.category })),
        ),
      );
      const model: KeywordModel = { categories: request.categories, entities };
      const test = request.documents.filter((d) => d.dataset === 'Test');
      return {
        model: { kind: request.kind, format: 'keyword-test-model', data: model },
        evaluationSummary: { projectKind: request.kind, keywordModel: true },
        documentEvaluations: test.map((d) => ({
          location: d.location,
          language: d.language,
          projectKind: request.kind,
        })),
        trainingDocumentCount: request.documents.length - test.length,
        testingDocumentCount: test.length,
      };
    },
    predict(model: SerializedModel, texts: string[]): Promise<Prediction[]> {
      engine.predictCalls += 1;
      const data = model.data as KeywordModel;
      return Promise.resolve(
        texts.map((text): Prediction => {
          if (model.kind === 'CustomEntityRecognition') {
            const found = data.entities.flatMap((e) => {
              const offset = text.indexOf(e.text);
              return offset < 0
                ? []
                : [{ text: e.text, category: e.category, offset, length: e.text.length, confidenceScore: 0.9 }];
            });
            return { kind: 'entities', entities: found };
          }
          const lower = text.toLowerCase();
          return {
            kind: 'classes',
            classes: data.categories.map((category) => ({
              category,
              confidenceScore: lower.includes(category.toLowerCase()) ? 0.8 : 0.1,
            })),
          };
        }),
      );
    },
    close: () => Promise.resolve(),
  };
  return engine;
}

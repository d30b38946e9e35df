// Worker-thread entry: trains one job, or serves predictions with a small cache of loaded models.
import { parentPort } from 'node:worker_threads';
import type { HostToWorker, WorkerToHost } from './engineProtocol';
import { hostToWorkerSchema } from './engineProtocol';
import { trainRequestSchema } from './engineSchemas';
import { TrainingDataError } from './split';
import type { LoadedModel } from './trainer';
import { loadModel, predictTexts, trainModel } from './trainer';

const MAX_CACHED_MODELS = 8;
const cache = new Map<string, LoadedModel>();

function post(message: WorkerToHost): void {
  parentPort?.postMessage(message);
}

/** A message fit for a failed job: data problems as they are, anything else with context, never a stack. */
function describe(error: unknown, doing: string): string {
  if (error instanceof TrainingDataError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `${doing} failed: ${detail}`;
}

function modelFor(message: Extract<HostToWorker, { type: 'predict' }>): LoadedModel {
  const key = message.cacheKey;
  if (key === undefined) return loadModel(message.model);
  const cached = cache.get(key);
  if (cached !== undefined) {
    // Re-insert to keep the map in least-recently-used order.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const loaded = loadModel(message.model);
  cache.set(key, loaded);
  if (cache.size > MAX_CACHED_MODELS) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return loaded;
}

function train(request: unknown): void {
  const parsed = trainRequestSchema.safeParse(request);
  if (!parsed.success) {
    post({
      type: 'failed',
      message: `Training failed: the request is malformed (${parsed.error.issues[0]?.message ?? 'invalid'}).`,
    });
    return;
  }
  let last = '';
  try {
    const result = trainModel(parsed.data, (progress) => {
      // Only changes cross the thread boundary: evaluation reports once per document.
      const key = `${progress.trainingPercent}/${progress.evaluationPercent}`;
      if (key === last) return;
      last = key;
      post({ type: 'progress', progress });
    });
    post({ type: 'trained', result });
  } catch (error) {
    post({ type: 'failed', message: describe(error, 'Training'), dataProblem: error instanceof TrainingDataError });
  }
}

parentPort?.on('message', (raw: unknown) => {
  const parsed = hostToWorkerSchema.safeParse(raw);
  if (!parsed.success) {
    post({ type: 'failed', message: 'The engine worker received a malformed message.' });
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'train':
      train(message.request);
      return;
    case 'predict':
      try {
        post({ type: 'predicted', id: message.id, predictions: predictTexts(modelFor(message), message.texts) });
      } catch (error) {
        post({ type: 'failed', id: message.id, message: describe(error, 'Prediction') });
      }
      return;
  }
});

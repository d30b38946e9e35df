// Runs training and prediction in worker threads so the caller's thread never blocks. Each training job gets a
// fresh worker (aborting terminates it); predictions go to a small pool whose workers keep models loaded.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HostToWorker, WorkerToHost } from './engineProtocol';
import { workerToHostSchema } from './engineProtocol';
import { TrainingDataError } from './split';
import type {
  Engine,
  Prediction,
  PredictOptions,
  SerializedModel,
  TrainOptions,
  TrainRequest,
  TrainResult,
} from './types';

/** Sits next to this file in the tsc output and next to the bundles in dist/. */
const WORKER_PATH = path.join(__dirname, 'engineWorker.js');

export function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

function parseMessage(raw: unknown): WorkerToHost | Error {
  const parsed = workerToHostSchema.safeParse(raw);
  return parsed.success ? parsed.data : new Error('The engine worker sent a malformed message.');
}

function send(worker: Worker, message: HostToWorker): void {
  worker.postMessage(message);
}

interface PendingPrediction {
  resolve: (predictions: Prediction[]) => void;
  reject: (error: Error) => void;
}

/** One prediction worker and the requests it owes answers to. */
class PredictionWorker {
  readonly pending = new Map<number, PendingPrediction>();
  private worker: Worker | undefined;

  private start(): Worker {
    const worker = new Worker(WORKER_PATH);
    worker.on('message', (raw: unknown) => {
      const message = parseMessage(raw);
      if (message instanceof Error) {
        this.fail(message);
        return;
      }
      if (message.type === 'predicted' || (message.type === 'failed' && message.id !== undefined)) {
        const id = message.id ?? -1;
        const waiting = this.pending.get(id);
        this.pending.delete(id);
        if (message.type === 'predicted') waiting?.resolve(message.predictions);
        else waiting?.reject(new Error(message.message));
        this.idle();
      }
    });
    worker.on('error', (error: Error) => {
      this.fail(new Error(`The prediction worker failed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      if (this.pending.size > 0)
        this.fail(new Error(`The prediction worker stopped unexpectedly (exit code ${code}).`));
    });
    return worker;
  }

  /** An idle pool must not keep the process alive. */
  private idle(): void {
    if (this.pending.size === 0) this.worker?.unref();
  }

  submit(id: number, message: HostToWorker, pending: PendingPrediction): void {
    this.worker ??= this.start();
    this.worker.ref();
    this.pending.set(id, pending);
    send(this.worker, message);
  }

  cancel(id: number): void {
    this.pending.delete(id);
    this.idle();
  }

  private fail(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(error);
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  async close(error: Error): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(error);
    await worker?.terminate();
  }
}

export function createEngine(options: { workers?: number } = {}): Engine {
  const poolSize = Math.max(1, Math.floor(options.workers ?? 1));
  const pool = Array.from({ length: poolSize }, () => new PredictionWorker());
  const trainingWorkers = new Set<Worker>();
  let nextId = 1;
  let closed = false;
  const closedError = (): Error => new Error('The engine is closed.');

  function train(request: TrainRequest, trainOptions: TrainOptions = {}): Promise<TrainResult> {
    const { signal, onProgress } = trainOptions;
    if (closed) return Promise.reject(closedError());
    if (signal?.aborted === true) return Promise.reject(abortError());
    return new Promise<TrainResult>((resolve, reject) => {
      const worker = new Worker(WORKER_PATH);
      trainingWorkers.add(worker);
      let settled = false;
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        trainingWorkers.delete(worker);
        void worker.terminate();
        outcome();
      };
      const onAbort = (): void => {
        finish(() => {
          reject(abortError());
        });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (raw: unknown) => {
        const message = parseMessage(raw);
        if (message instanceof Error) {
          finish(() => {
            reject(message);
          });
          return;
        }
        switch (message.type) {
          case 'progress':
            if (!settled) onProgress?.(message.progress);
            return;
          case 'trained':
            finish(() => {
              resolve(message.result);
            });
            return;
          case 'failed':
            finish(() => {
              reject(
                message.dataProblem === true ? new TrainingDataError(message.message) : new Error(message.message),
              );
            });
            return;
          case 'predicted':
            return;
        }
      });
      worker.on('error', (error: Error) => {
        finish(() => {
          reject(new Error(`The training worker failed: ${error.message}`));
        });
      });
      worker.on('exit', (code) => {
        finish(() => {
          reject(closed ? closedError() : new Error(`The training worker stopped unexpectedly (exit code ${code}).`));
        });
      });
      send(worker, { type: 'train', request });
    });
  }

  function predict(
    model: SerializedModel,
    texts: string[],
    predictOptions: PredictOptions = {},
  ): Promise<Prediction[]> {
    const { signal, cacheKey } = predictOptions;
    if (closed) return Promise.reject(closedError());
    if (signal?.aborted === true) return Promise.reject(abortError());
    if (texts.length === 0) return Promise.resolve([]);
    const id = nextId++;
    // The least busy worker; ties go to the first, so a cached model tends to stay where it is.
    const target = pool.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
    return new Promise<Prediction[]>((resolve, reject) => {
      const onAbort = (): void => {
        target.cancel(id);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      target.submit(
        id,
        { type: 'predict', id, model, texts, ...(cacheKey === undefined ? {} : { cacheKey }) },
        {
          resolve: (predictions) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(predictions);
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        },
      );
    });
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    const terminating = [...trainingWorkers].map((w) => w.terminate());
    await Promise.all([...terminating, ...pool.map((w) => w.close(closedError()))]);
  }

  return { train, predict, close };
}

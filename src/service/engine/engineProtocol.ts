// Messages between the engine host and its worker threads.
import * as z from 'zod/mini';
import { predictionSchema, serializedModelSchema, trainProgressSchema, trainResultSchema } from './engineSchemas';

export const hostToWorkerSchema = z.discriminatedUnion('type', [
  // The request is checked in the worker, so a malformed one fails the job with a readable message.
  z.object({ type: z.literal('train'), request: z.unknown() }),
  z.object({
    type: z.literal('predict'),
    id: z.number(),
    model: serializedModelSchema,
    cacheKey: z.optional(z.string()),
    texts: z.array(z.string()),
  }),
]);
export type HostToWorker = z.infer<typeof hostToWorkerSchema>;

export const workerToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: trainProgressSchema }),
  z.object({ type: z.literal('trained'), result: trainResultSchema }),
  z.object({ type: z.literal('predicted'), id: z.number(), predictions: z.array(predictionSchema) }),
  // dataProblem: the labeled data cannot train a model (a TrainingDataError), not a fault of the engine.
  z.object({
    type: z.literal('failed'),
    id: z.optional(z.number()),
    message: z.string(),
    dataProblem: z.optional(z.boolean()),
  }),
]);
export type WorkerToHost = z.infer<typeof workerToHostSchema>;

// LanguageClient: the one object the extension, the CLI and tests use to talk to a Language resource.
//
//   const client = new LanguageClient({ endpoint, credential: { key } });   // or { getToken }
//   const projects = await client.listProjects({ signal });
//   const job = await client.trainAndWait('Loans', { modelLabel: 'm1', trainingConfigVersion: 'latest' },
//     { signal, onProgress: (p) => report(p.percentComplete) });
//   const result = await client.runtime.analyze(docs, [{ kind: 'CustomEntityRecognition', projectName, deploymentName }]);
//
// Failures are ApiError (HTTP answer), NetworkError (no answer), SchemaError (unexpected answer),
// ValidationError (refused before sending), JobFailedError (job ended badly); aborts satisfy isAbortError.
import type { Dispatcher } from 'undici';
import { AuthoringClient } from './authoring';
import type { Credential } from './credentials';
import type { RequestLogEntry, Sleep } from './http';
import { HttpPipeline } from './http';
import type { PollOptions } from './poll';
import type { RetryOptions } from './retry';
import { RuntimeClient } from './runtime';
import type { ApiVersion } from '../contract/common';

export type { ApiVersion } from '../contract/common';

export interface LanguageClientOptions {
  /** e.g. https://<resource>.cognitiveservices.azure.com, or the local service's URL. */
  endpoint: string;
  credential: Credential;
  /** Default 2023-04-01. */
  apiVersion?: ApiVersion;
  /** undici dispatcher (tests pass a MockAgent). */
  dispatcher?: Dispatcher;
  retry?: RetryOptions;
  poll?: PollOptions;
  /** Per-attempt time limit. Default 30 s. */
  timeoutMs?: number;
  /** Called once per HTTP attempt; entries never contain credentials. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Replaces timers (tests make waits instant). */
  sleep?: Sleep;
  random?: () => number;
}

/**
 * The authoring operations (the client's own methods, as the tree and commands call them) and `runtime`, the
 * analyze operations; both run on one HTTP pipeline (credentials, retries, logging) and poll alike.
 */
export class LanguageClient extends AuthoringClient {
  readonly apiVersion: ApiVersion;
  readonly endpoint: string;
  readonly runtime: RuntimeClient;

  constructor(options: LanguageClientOptions) {
    const apiVersion = options.apiVersion ?? '2023-04-01';
    const pipeline = new HttpPipeline({
      endpoint: options.endpoint,
      credential: options.credential,
      apiVersion,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
    super(pipeline, options.poll ?? {});
    this.apiVersion = apiVersion;
    this.endpoint = pipeline.endpoint.href;
    this.runtime = new RuntimeClient(pipeline, options.poll ?? {});
  }
}

// LanguageClient: the one object the extension, the CLI and tests use to talk to a Language resource.
//
//   const client = new LanguageClient({ endpoint, credential: { key } });   // or { getToken }
//   const projects = await client.listProjects({ signal });
//   const job = await client.trainAndWait('Loans', { modelLabel: 'm1', trainingConfigVersion: 'latest' },
//     { signal, onProgress: (p) => report(p.percentComplete) });
//   const result = await client.analyze(docs, [{ kind: 'CustomEntityRecognition', projectName, deploymentName }]);
//
// Failures are ApiError (HTTP answer), NetworkError (no answer), SchemaError (unexpected answer),
// ValidationError (refused before sending), JobFailedError (job ended badly); aborts satisfy isAbortError.
import type { Dispatcher } from 'undici';
import { AuthoringClient } from './authoring';
import type { Credential } from './credentials';
import type { RequestLogEntry, Sleep } from './http';
import { HttpPipeline } from './http';
import type { WaitOptions } from './jobs';
import type { PollOptions } from './poll';
import type { RetryOptions } from './retry';
import type { AnalyzeOptions, BuildJobOptions, CustomTaskTarget } from './runtime';
import { RuntimeClient } from './runtime';
import type { AnalyzeDocument, AnalyzeTextJobState } from '../contract/analyze';
import type { AnalyzeResult } from './schemas/normalized';
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

/** Authoring operations (inherited) plus the runtime analyze operations. */
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

  /** Runs custom tasks over any number of documents (split into requests within the service limits). */
  async analyze(
    documents: readonly AnalyzeDocument[],
    targets: readonly CustomTaskTarget[],
    options: AnalyzeOptions = {},
  ): Promise<AnalyzeResult> {
    return await this.runtime.analyze(documents, targets, options);
  }

  /** Submits one analyze request; returns the job URL. */
  async beginAnalyze(
    documents: readonly AnalyzeDocument[],
    targets: readonly CustomTaskTarget[],
    options: BuildJobOptions & { signal?: AbortSignal } = {},
  ): Promise<string> {
    return await this.runtime.beginAnalyze(documents, targets, options);
  }

  async getAnalyzeJob(job: string, options: { signal?: AbortSignal } = {}): Promise<AnalyzeResult> {
    return await this.runtime.getAnalyzeJob(job, options);
  }

  async waitForAnalyzeJob(job: string, options: WaitOptions<AnalyzeTextJobState> = {}): Promise<AnalyzeResult> {
    return await this.runtime.waitForAnalyzeJob(job, options);
  }

  async cancelAnalyzeJob(job: string, options: { signal?: AbortSignal } = {}): Promise<string> {
    return await this.runtime.cancelAnalyzeJob(job, options);
  }
}

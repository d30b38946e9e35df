// A blob container as a push target: create it when missing, list what it holds with content hashes, upload only
// the documents whose bytes changed (a bounded number in flight, retried, cancellable), download them back.
import { createHash } from 'node:crypto';
import { blobServiceClient } from './storageCredential';
import type { BlobServiceClient, ContainerClient, StorageAuth } from './storageCredential';
import { toStorageError } from './storageErrors';

export interface BlobDocument {
  /** The blob name: the document's location inside the container. */
  name: string;
  content: Uint8Array;
}

export interface UploadOptions {
  /** Uploads in flight at once. */
  concurrency?: number;
  /** Attempts per document for faults that may pass (503, 500, reset, timeout). */
  attempts?: number;
  signal?: AbortSignal;
  /** Called after each document is uploaded or found unchanged. */
  onProgress?: (done: number, total: number) => void;
  /** Waits between attempts; tests pass a short one. */
  backoffMs?: (attempt: number) => number;
}

export interface UploadResult {
  uploaded: string[];
  unchanged: string[];
}

/** MD5 of a document's bytes, base64: the form the Blob service keeps as Content-MD5. */
export function contentMd5(content: Uint8Array): string {
  return createHash('md5').update(content).digest('base64');
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class BlobStore {
  private service: Promise<BlobServiceClient> | undefined;

  constructor(
    /** Named in error messages: which account a missing role or a fault is about. */
    readonly accountUrl: string,
    private readonly auth: StorageAuth,
  ) {}

  /** The SDK client, built on first use. */
  private client(): Promise<BlobServiceClient> {
    this.service ??= blobServiceClient(this.accountUrl, this.auth);
    return this.service;
  }

  private async container(name: string): Promise<ContainerClient> {
    return (await this.client()).getContainerClient(name);
  }

  /** Names of the account's containers. */
  async listContainers(): Promise<string[]> {
    const names: string[] = [];
    for await (const c of (await this.client()).listContainers()) names.push(c.name);
    return names;
  }

  private fail(error: unknown, container: string): never {
    throw toStorageError(error, { accountUrl: this.accountUrl, container, signedIn: this.auth.kind === 'token' });
  }

  async ensureContainer(name: string, signal?: AbortSignal): Promise<void> {
    try {
      await (await this.container(name)).createIfNotExists({ abortSignal: signal });
    } catch (error) {
      this.fail(error, name);
    }
  }

  /** Blob name → Content-MD5 (base64; empty when the service kept none). */
  async listHashes(name: string, signal?: AbortSignal): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    try {
      for await (const blob of (await this.container(name)).listBlobsFlat({ abortSignal: signal })) {
        const md5 = blob.properties.contentMD5;
        hashes.set(blob.name, md5 === undefined ? '' : Buffer.from(md5).toString('base64'));
      }
    } catch (error) {
      this.fail(error, name);
    }
    return hashes;
  }

  /**
   * Uploads the documents whose bytes differ from the container's copy. Each blob is written whole or not at all,
   * so a push cut short leaves every blob old or new, and the next push uploads only what is still missing.
   */
  async uploadChanged(
    container: string,
    documents: readonly BlobDocument[],
    options: UploadOptions = {},
  ): Promise<UploadResult> {
    const { signal } = options;
    const existing = await this.listHashes(container, signal);
    const unchanged: string[] = [];
    const pending: BlobDocument[] = [];
    for (const doc of documents) {
      if (existing.get(doc.name) === contentMd5(doc.content)) unchanged.push(doc.name);
      else pending.push(doc);
    }
    let done = unchanged.length;
    options.onProgress?.(done, documents.length);
    const uploaded: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        signal?.throwIfAborted();
        const doc = pending[next];
        next += 1;
        if (doc === undefined) return;
        await this.uploadOne(container, doc, options);
        uploaded.push(doc.name);
        done += 1;
        options.onProgress?.(done, documents.length);
      }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 16, pending.length)) }, worker);
    const results = await Promise.allSettled(workers);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return { uploaded: uploaded.sort(), unchanged };
  }

  private async uploadOne(container: string, doc: BlobDocument, options: UploadOptions): Promise<void> {
    const attempts = options.attempts ?? 4;
    const blob = (await this.container(container)).getBlockBlobClient(doc.name);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await blob.uploadData(doc.content, {
          abortSignal: options.signal,
          blobHTTPHeaders: { blobContentMD5: Buffer.from(contentMd5(doc.content), 'base64') },
        });
        return;
      } catch (error) {
        const mapped = toStorageError(error, {
          accountUrl: this.accountUrl,
          container,
          blob: doc.name,
          signedIn: this.auth.kind === 'token',
        });
        if (options.signal?.aborted === true) throw options.signal.reason;
        if (!mapped.transient || attempt >= attempts) throw mapped;
        await sleep(options.backoffMs?.(attempt) ?? 250 * 2 ** (attempt - 1), options.signal);
      }
    }
  }

  async download(container: string, name: string, signal?: AbortSignal): Promise<Buffer> {
    try {
      return await (await this.container(container)).getBlobClient(name).downloadToBuffer(undefined, undefined, {
        abortSignal: signal,
      });
    } catch (error) {
      this.fail(error, container);
    }
  }

  /** The blob's bytes, or undefined, without downloading them, when it holds more than `maxBytes`. */
  async downloadAtMost(
    container: string,
    name: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<Buffer | undefined> {
    try {
      const blob = (await this.container(container)).getBlobClient(name);
      const size = (await blob.getProperties({ abortSignal: signal })).contentLength ?? 0;
      if (size > maxBytes) return undefined;
      if (size === 0) return Buffer.alloc(0);
      // A range of the size just read: a blob replaced by a larger one meanwhile is still read only this far.
      return await blob.downloadToBuffer(0, size, { abortSignal: signal });
    } catch (error) {
      this.fail(error, container);
    }
  }

  /** Whether the container exists (false rather than an error when it does not). */
  async containerExists(name: string, signal?: AbortSignal): Promise<boolean> {
    try {
      return await (await this.container(name)).exists({ abortSignal: signal });
    } catch (error) {
      this.fail(error, name);
    }
  }
}

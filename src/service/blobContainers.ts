// Containers read from a Blob service endpoint (Azure Storage, or Azurite), as Azure reads the storage account
// linked to a Language resource: a container is a blob container, a document's location is a blob name.
import { BlobStore } from '../storage/blobStore';
import type { StorageAuth } from '../storage/storageCredential';
import { StorageError } from '../storage/storageErrors';
import { MAX_DOCUMENT_BYTES, documentText, documentTooLarge } from './documents';
import { badRequest } from './errors';

export interface BlobSource {
  /** The account's blob endpoint, e.g. https://ACCOUNT.blob.core.windows.net */
  accountUrl: string;
  auth: StorageAuth;
}

export class BlobContainers {
  private readonly store: BlobStore;

  constructor(source: BlobSource) {
    this.store = new BlobStore(source.accountUrl, source.auth);
  }

  async list(): Promise<string[]> {
    try {
      return (await this.store.listContainers()).sort();
    } catch {
      return []; // Only used to name the known containers in a message.
    }
  }

  async assertExists(name: string): Promise<void> {
    let exists: boolean;
    try {
      exists = await this.store.containerExists(name);
    } catch (error) {
      throw badRequest(error instanceof Error ? error.message : String(error), 'InvalidParameterValue');
    }
    if (!exists) {
      const known = await this.list();
      throw badRequest(
        `Storage container "${name}" was not found in ${this.store.accountUrl}. Known containers: ${known.length > 0 ? known.join(', ') : '(none)'}.`,
        'InvalidParameterValue',
      );
    }
  }

  /** `location` is already checked to be a relative path. */
  async readDocument(container: string, location: string): Promise<string> {
    let bytes: Buffer | undefined;
    try {
      bytes = await this.store.downloadAtMost(container, location, MAX_DOCUMENT_BYTES);
    } catch (error) {
      if (error instanceof StorageError && error.fault === 'notFound')
        throw badRequest(`Document "${location}" was not found in container "${container}".`, 'InvalidDocument');
      throw badRequest(error instanceof Error ? error.message : String(error), 'InvalidDocument');
    }
    if (bytes === undefined) throw documentTooLarge(location, container);
    return documentText(bytes, location, container);
  }
}

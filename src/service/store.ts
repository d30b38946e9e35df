// Persistence under the data dir: one JSON file per project, model, deployment and job, kept in memory as well.
// Layout: projects/<name>/project.json, projects/<name>/models/<label>.json (+ .model.json for the trained model),
// projects/<name>/deployments/<name>.json, jobs/<jobId>.json. Writes are atomic and serialised per file.
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { SerializedModel } from './engine/types';
import { TEMP_SUFFIX, syncDirectory, writeFileAtomic } from '../core/atomicFile';
import {
  deploymentRecordSchema,
  jobRecordSchema,
  modelRecordSchema,
  projectRecordSchema,
  serializedModelSchema,
} from './records';
import type { DeploymentRecord, JobRecord, ModelRecord, ProjectRecord } from './records';
import { ServiceError } from './errors';
import { isExpired } from './jobs';

const TRASH_PREFIX = '.deleted-';

/** File names are percent-encoded so any valid resource name maps to one safe file name. */
const fileName = (name: string): string => encodeURIComponent(name).replace(/\./g, '%2E');

/** Leftovers of writes interrupted before their rename: the previous version is still in place. */
async function removeTemporaryFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [])) {
    if (name.endsWith(TEMP_SUFFIX)) await rm(path.join(dir, name), { force: true });
  }
}

/** Writes one file atomically; tests replace it to inject disk faults (ENOSPC, ENAMETOOLONG, EIO). */
export type FileWriter = (file: string, content: string) => Promise<void>;

export interface StoreOptions {
  writeFile?: FileWriter;
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  ENAMETOOLONG: 'a file name would be too long',
  EROFS: 'the data folder is read-only',
  EACCES: 'the data folder is not writable',
  EPERM: 'the data folder is not writable',
  EIO: 'the disk reported an I/O error',
};

/** A failed write as the error the request (or job) reports, in the service's shape; never a crash. */
export function saveFailed(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  const reason = FS_REASONS[code] ?? 'writing to its data folder failed';
  return new ServiceError(
    500,
    'InternalServerError',
    `The local service could not save this change: ${reason}${code ? ` (${code})` : ''}. Nothing was changed.`,
  );
}

/** A finishing job found its project (or deployment) deleted: deletes win, nothing is written back. */
export function gone(what: string): ServiceError {
  return new ServiceError(404, 'NotFound', `${what} was deleted while this job ran, so its result was not saved.`);
}

export interface StoreWarning {
  file: string;
  message: string;
}

export class Store {
  readonly projects = new Map<string, ProjectRecord>();
  /** Keyed by project name, then model label. */
  readonly models = new Map<string, Map<string, ModelRecord>>();
  /** Keyed by project name, then deployment name. */
  readonly deployments = new Map<string, Map<string, DeploymentRecord>>();
  readonly jobs = new Map<string, JobRecord>();
  /** Files that could not be read at start (skipped, reported). */
  readonly warnings: StoreWarning[] = [];

  private readonly pending = new Map<string, Promise<void>>();
  private readonly modelCache = new Map<string, SerializedModel>();
  /**
   * Each project's incarnation: a new number whenever a project of that name is created. A job remembers the one
   * it started under and can only write into that one, so a delete (or delete and re-create) always wins.
   */
  private readonly generations = new Map<string, number>();
  private nextGeneration = 1;
  private readonly writeFile: FileWriter;

  private constructor(
    readonly dir: string,
    options: StoreOptions,
  ) {
    this.writeFile = options.writeFile ?? writeFileAtomic;
  }

  static async open(dir: string, options: StoreOptions = {}): Promise<Store> {
    const store = new Store(path.resolve(dir), options);
    await mkdir(path.join(store.dir, 'projects'), { recursive: true });
    await mkdir(path.join(store.dir, 'jobs'), { recursive: true });
    await store.load();
    return store;
  }

  private projectDir(project: string): string {
    return path.join(this.dir, 'projects', fileName(project));
  }

  private async load(): Promise<void> {
    const projectsDir = path.join(this.dir, 'projects');
    for (const entry of await readdir(projectsDir, { withFileTypes: true })) {
      const full = path.join(projectsDir, entry.name);
      if (entry.name.startsWith(TRASH_PREFIX)) {
        await rm(full, { recursive: true, force: true });
        continue;
      }
      if (!entry.isDirectory()) continue;
      await removeTemporaryFiles(full);
      const project = await this.readRecord(path.join(full, 'project.json'), projectRecordSchema);
      if (!project) continue;
      const name = project.metadata.projectName;
      this.projects.set(name, project);
      this.generations.set(name, this.nextGeneration++);
      for (const model of await this.readAll(path.join(full, 'models'), modelRecordSchema, '.model.json')) {
        this.modelsOf(name).set(model.label, model);
      }
      for (const deployment of await this.readAll(path.join(full, 'deployments'), deploymentRecordSchema)) {
        this.deploymentsOf(name).set(deployment.deploymentName, deployment);
      }
    }
    // Expired jobs (and the text fragments analyze results hold) are removed at start, never loaded.
    const now = Date.now();
    for (const job of await this.readAll(path.join(this.dir, 'jobs'), jobRecordSchema)) {
      if (isExpired(job, now)) await rm(path.join(this.dir, 'jobs', `${fileName(job.jobId)}.json`), { force: true });
      else this.jobs.set(job.jobId, job);
    }
  }

  private async readAll<S extends z.ZodType>(dir: string, schema: S, exclude?: string): Promise<z.infer<S>[]> {
    const entries = await readdir(dir).catch(() => []);
    const records: z.infer<S>[] = [];
    for (const name of entries) {
      const full = path.join(dir, name);
      if (name.endsWith(TEMP_SUFFIX)) {
        // Left by a write that was interrupted before its rename: the previous version is still in place.
        await rm(full, { force: true });
        continue;
      }
      if (!name.endsWith('.json') || (exclude !== undefined && name.endsWith(exclude))) continue;
      const record = await this.readRecord(full, schema);
      if (record !== undefined) records.push(record);
    }
    return records;
  }

  private async readRecord<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S> | undefined> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      this.warnings.push({ file, message: 'unexpected content; skipped' });
    } catch {
      this.warnings.push({ file, message: 'not valid JSON; skipped' });
    }
    return undefined;
  }

  /** Serialises writes to one file so an older state never lands after a newer one. */
  private write(file: string, value: unknown): Promise<void> {
    const content = JSON.stringify(value);
    const previous = this.pending.get(file) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.writeFile(file, content));
    this.pending.set(file, next);
    // Both branches handled: a `finally` here would be a second, unobserved copy of a failed write's rejection.
    const settle = (): void => {
      if (this.pending.get(file) === next) this.pending.delete(file);
    };
    next.then(settle, settle);
    return next.catch((error: unknown) => {
      throw saveFailed(error);
    });
  }

  /** Sets a map entry, writes it, and puts the previous entry back when the write fails. */
  private async persist<K, V>(map: Map<K, V>, key: K, value: V, write: () => Promise<void>): Promise<void> {
    const previous = map.get(key);
    map.set(key, value);
    try {
      await write();
    } catch (error) {
      if (map.get(key) === value) {
        if (previous === undefined) map.delete(key);
        else map.set(key, previous);
      }
      throw error;
    }
  }

  /** The project's current incarnation (undefined when it does not exist). */
  generation(project: string): number | undefined {
    return this.generations.get(project);
  }

  private requireGeneration(project: string, expected: number | undefined): void {
    if (expected !== undefined && this.generations.get(project) !== expected) throw gone(`Project "${project}"`);
  }

  private async remove(file: string): Promise<void> {
    const previous = this.pending.get(file) ?? Promise.resolve();
    await previous.catch(() => undefined);
    await rm(file, { force: true });
  }

  modelsOf(project: string): Map<string, ModelRecord> {
    let map = this.models.get(project);
    if (!map) {
      map = new Map();
      this.models.set(project, map);
    }
    return map;
  }

  deploymentsOf(project: string): Map<string, DeploymentRecord> {
    let map = this.deployments.get(project);
    if (!map) {
      map = new Map();
      this.deployments.set(project, map);
    }
    return map;
  }

  /**
   * Creates or updates a project. `expected` (the generation a job started under) makes it an update only: if the
   * project was deleted (or deleted and re-created) meanwhile, nothing is written.
   */
  async saveProject(record: ProjectRecord, expected?: number): Promise<void> {
    const name = record.metadata.projectName;
    this.requireGeneration(name, expected);
    const created = !this.generations.has(name);
    if (created) this.generations.set(name, this.nextGeneration++);
    try {
      await this.persist(this.projects, name, record, () =>
        this.write(path.join(this.projectDir(name), 'project.json'), record),
      );
    } catch (error) {
      if (created && !this.projects.has(name)) this.generations.delete(name);
      throw error;
    }
  }

  /** Removes a project with its models and deployments; a crash midway leaves it either whole or gone. */
  async deleteProject(name: string): Promise<void> {
    const dir = this.projectDir(name);
    const trash = path.join(this.dir, 'projects', `${TRASH_PREFIX}${fileName(name)}-${Date.now()}`);
    this.projects.delete(name);
    this.generations.delete(name);
    this.models.delete(name);
    this.deployments.delete(name);
    for (const key of this.modelCache.keys()) if (key.startsWith(`${name}/`)) this.modelCache.delete(key);
    await Promise.all(
      [...this.pending.entries()]
        .filter(([f]) => f.startsWith(dir + path.sep))
        .map(([, p]) => p.catch(() => undefined)),
    );
    try {
      await rename(dir, trash);
    } catch {
      return;
    }
    await syncDirectory(path.dirname(dir));
    await rm(trash, { recursive: true, force: true });
  }

  /**
   * The trained model is written first, so a model record never points at a missing model. Written only into the
   * project incarnation `expected` (checked again after each await: a delete may come in between).
   */
  async saveModel(record: ModelRecord, model: SerializedModel, expected: number): Promise<void> {
    const project = record.projectName;
    const base = path.join(this.projectDir(project), 'models', fileName(record.label));
    this.requireGeneration(project, expected);
    await this.write(`${base}.model.json`, model);
    this.requireGeneration(project, expected);
    this.modelCache.set(`${project}/${record.label}`, model);
    await this.persist(this.modelsOf(project), record.label, record, () => this.write(`${base}.json`, record));
  }

  async loadModel(project: string, label: string): Promise<SerializedModel> {
    const key = `${project}/${label}`;
    const cached = this.modelCache.get(key);
    if (cached) return cached;
    const file = path.join(this.projectDir(project), 'models', `${fileName(label)}.model.json`);
    const model = serializedModelSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    this.modelCache.set(key, model);
    return model;
  }

  async deleteModel(project: string, label: string): Promise<void> {
    this.modelsOf(project).delete(label);
    this.modelCache.delete(`${project}/${label}`);
    const base = path.join(this.projectDir(project), 'models', fileName(label));
    await this.remove(`${base}.json`);
    await this.remove(`${base}.model.json`);
  }

  /**
   * Writes a deployment into project incarnation `expected`; with `existing`, only if the deployment still exists
   * (a swap must not bring back a deployment deleted meanwhile).
   */
  async saveDeployment(record: DeploymentRecord, expected: number, existing = false): Promise<void> {
    const { projectName: project, deploymentName: name } = record;
    this.requireGeneration(project, expected);
    const deployments = this.deploymentsOf(project);
    if (existing && !deployments.has(name)) throw gone(`Deployment "${name}"`);
    await this.persist(deployments, name, record, () =>
      this.write(path.join(this.projectDir(project), 'deployments', `${fileName(name)}.json`), record),
    );
  }

  async deleteDeployment(project: string, name: string): Promise<void> {
    this.deploymentsOf(project).delete(name);
    await this.remove(path.join(this.projectDir(project), 'deployments', `${fileName(name)}.json`));
  }

  async saveJob(record: JobRecord): Promise<void> {
    await this.persist(this.jobs, record.jobId, record, () =>
      this.write(path.join(this.dir, 'jobs', `${fileName(record.jobId)}.json`), record),
    );
  }

  async deleteJob(jobId: string): Promise<void> {
    this.jobs.delete(jobId);
    await this.remove(path.join(this.dir, 'jobs', `${fileName(jobId)}.json`));
  }

  /** Waits for every write in flight (used before close). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending.values()].map((p) => p.catch(() => undefined)));
  }
}

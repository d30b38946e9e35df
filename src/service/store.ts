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

const TRASH_PREFIX = '.deleted-';

/** File names are percent-encoded so any valid resource name maps to one safe file name. */
const fileName = (name: string): string => encodeURIComponent(name).replace(/\./g, '%2E');

/** Leftovers of writes interrupted before their rename: the previous version is still in place. */
async function removeTemporaryFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [])) {
    if (name.endsWith(TEMP_SUFFIX)) await rm(path.join(dir, name), { force: true });
  }
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

  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<Store> {
    const store = new Store(path.resolve(dir));
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
      for (const model of await this.readAll(path.join(full, 'models'), modelRecordSchema, '.model.json')) {
        this.modelsOf(name).set(model.label, model);
      }
      for (const deployment of await this.readAll(path.join(full, 'deployments'), deploymentRecordSchema)) {
        this.deploymentsOf(name).set(deployment.deploymentName, deployment);
      }
    }
    for (const job of await this.readAll(path.join(this.dir, 'jobs'), jobRecordSchema)) this.jobs.set(job.jobId, job);
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
    const next = previous.catch(() => undefined).then(() => writeFileAtomic(file, content));
    this.pending.set(file, next);
    void next.finally(() => {
      if (this.pending.get(file) === next) this.pending.delete(file);
    });
    return next;
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

  async saveProject(record: ProjectRecord): Promise<void> {
    this.projects.set(record.metadata.projectName, record);
    await this.write(path.join(this.projectDir(record.metadata.projectName), 'project.json'), record);
  }

  /** Removes a project with its models and deployments; a crash midway leaves it either whole or gone. */
  async deleteProject(name: string): Promise<void> {
    const dir = this.projectDir(name);
    const trash = path.join(this.dir, 'projects', `${TRASH_PREFIX}${fileName(name)}-${Date.now()}`);
    this.projects.delete(name);
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

  /** The trained model is written first, so a model record never points at a missing model. */
  async saveModel(record: ModelRecord, model: SerializedModel): Promise<void> {
    const base = path.join(this.projectDir(record.projectName), 'models', fileName(record.label));
    await this.write(`${base}.model.json`, model);
    this.modelCache.set(`${record.projectName}/${record.label}`, model);
    this.modelsOf(record.projectName).set(record.label, record);
    await this.write(`${base}.json`, record);
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

  async saveDeployment(record: DeploymentRecord): Promise<void> {
    this.deploymentsOf(record.projectName).set(record.deploymentName, record);
    await this.write(
      path.join(this.projectDir(record.projectName), 'deployments', `${fileName(record.deploymentName)}.json`),
      record,
    );
  }

  async deleteDeployment(project: string, name: string): Promise<void> {
    this.deploymentsOf(project).delete(name);
    await this.remove(path.join(this.projectDir(project), 'deployments', `${fileName(name)}.json`));
  }

  async saveJob(record: JobRecord): Promise<void> {
    this.jobs.set(record.jobId, record);
    await this.write(path.join(this.dir, 'jobs', `${fileName(record.jobId)}.json`), record);
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

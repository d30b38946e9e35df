// Loads dist/backend.js on first use (extension.ts asks right after activation). esbuild.mjs builds it as a
// factory that takes the modules this bundle already holds (the tree, the log, the command ids…): each module then
// exists once, so its classes and state are shared rather than duplicated (instanceof and caches keep working
// across the two files). Node's modules that only loading the backend needs are loaded then
// (process.getBuiltinModule), not with this file: one the extension host has not loaded yet costs milliseconds
// (node:vm and node:crypto several each).
import { basename, dirname, join } from 'node:path';
import type * as vscode from 'vscode';
import type { Backend } from '../backend';
import type * as backendModule from '../backend';

type Modules = Record<string, unknown>;
type BackendModule = typeof backendModule;

let shared: Modules | undefined;
let loaded: BackendModule | undefined;
/** How dist/backend.js was loaded, for the log. */
let how: Compiled['how'] | 'required' = 'required';

/** Called by the activation bundle's entry (generated in esbuild.mjs) with every module it holds. */
export function provideSharedModules(modules: Modules): void {
  shared = modules;
}

type Factory = (modules: Modules) => BackendModule;
type Wrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

export interface Compiled {
  /** What the file put in module.exports. */
  exports: unknown;
  how: 'from the code cache' | 'compiled, no code cache yet' | 'compiled, code cache rejected';
  /** Writes V8's code cache for the file (call it after running the file's code, so that it holds more). */
  writeCache(): Promise<void>;
}

/**
 * Runs a CommonJS file as Node's require would (the same wrapper, its own require), with V8's code cache for it
 * kept in cacheDir: compiling the 1.1 MB dist/backend.js is much of its load when not cached. The cache is named
 * after the file's contents and V8's version (V8 itself checks little more than the source's length). Only this
 * file is cached, nothing else the process loads.
 */
export function compileCached(file: string, cacheDir: string): Compiled {
  const { readFileSync } = process.getBuiltinModule('node:fs');
  const { createHash } = process.getBuiltinModule('node:crypto');
  const { Script } = process.getBuiltinModule('node:vm');
  const { createRequire } = process.getBuiltinModule('node:module');
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha256').update(source).update(process.versions.v8).digest('hex').slice(0, 24);
  const cacheFile = join(cacheDir, `${basename(file)}-${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // Not written yet.
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as Wrapper)(module.exports, createRequire(file), module, file, dirname(file));
  const how: Compiled['how'] =
    cachedData === undefined
      ? 'compiled, no code cache yet'
      : script.cachedDataRejected === true
        ? 'compiled, code cache rejected'
        : 'from the code cache';
  return {
    exports: module.exports,
    how,
    writeCache: async () => {
      if (how === 'from the code cache') return;
      const { mkdir, readdir, rename, rm, writeFile } = process.getBuiltinModule('node:fs/promises');
      await mkdir(cacheDir, { recursive: true });
      for (const old of await readdir(cacheDir))
        if (old.startsWith(`${basename(file)}-`)) await rm(join(cacheDir, old), { force: true });
      // Written aside then renamed: two windows starting at once never read a half-written cache.
      const partial = `${cacheFile}.${process.pid}.partial`;
      await writeFile(partial, script.createCachedData());
      await rename(partial, cacheFile);
    },
  };
}

function loadModule(cacheDir: string | undefined): BackendModule {
  if (loaded === undefined) {
    if (shared === undefined) throw new Error('dist/backend.js needs the activation bundle built by esbuild.mjs');
    if (cacheDir === undefined) {
      // Beside dist/extension.js; a plain require keeps esbuild from bundling it into this file.
      loaded = (process.getBuiltinModule('node:module').createRequire(__filename)('./backend.js') as Factory)(shared);
    } else {
      const compiled = compileCached(join(__dirname, 'backend.js'), cacheDir);
      loaded = (compiled.exports as Factory)(shared);
      how = compiled.how;
      // After the factory ran (the cache then holds the functions it compiled too), off the load's path. Without a
      // cache the next load compiles, as this one did.
      setTimeout(() => {
        compiled.writeCache().catch(() => undefined);
      }, 0);
    }
  }
  return loaded;
}

/** The backend, built on first `get()`; `loaded()` says whether that has happened (without causing it). */
export class LazyBackend implements vscode.Disposable {
  private backend: Backend | undefined;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly create: (module: BackendModule) => Backend,
    private readonly onLoad: (ms: number, how: string) => void,
    /** Where V8's code cache for dist/backend.js is kept; without it, a plain require. */
    private readonly codeCacheDir?: string,
  ) {}

  get(): Backend {
    if (this.backend === undefined) {
      const start = performance.now();
      const backend = this.create(loadModule(this.codeCacheDir));
      this.backend = backend;
      this.onLoad(performance.now() - start, how);
      for (const then of this.waiting.splice(0)) then();
      return backend;
    }
    return this.backend;
  }

  /** Calls `then` once the backend has been built, by whichever use comes first (at once if it has). */
  whenLoaded(then: () => void): void {
    if (this.backend === undefined) this.waiting.push(then);
    else then();
  }

  loaded(): Backend | undefined {
    return this.backend;
  }

  dispose(): void {
    this.backend?.dispose();
    this.backend = undefined;
  }
}

// Loads dist/backend.js on first use. esbuild.mjs builds it as a factory that takes the modules this bundle
// already holds (the tree, the log, the command ids…): each module then exists once, so its classes and state
// are shared rather than duplicated (instanceof and caches keep working across the two files).
import { createRequire } from 'node:module';
import type * as vscode from 'vscode';
import type { Backend } from '../backend';
import type * as backendModule from '../backend';

type Modules = Record<string, unknown>;
type BackendModule = typeof backendModule;

let shared: Modules | undefined;
let loaded: BackendModule | undefined;

/** Called by the activation bundle's entry (generated in esbuild.mjs) with every module it holds. */
export function provideSharedModules(modules: Modules): void {
  shared = modules;
}

function loadModule(): BackendModule {
  if (loaded === undefined) {
    if (shared === undefined) throw new Error('dist/backend.js needs the activation bundle built by esbuild.mjs');
    // Beside dist/extension.js; a plain require keeps esbuild from bundling it into this file.
    const factory = createRequire(__filename)('./backend.js') as (modules: Modules) => BackendModule;
    loaded = factory(shared);
  }
  return loaded;
}

/** The backend, built on first `get()`; `loaded()` says whether that has happened (without causing it). */
export class LazyBackend implements vscode.Disposable {
  private backend: Backend | undefined;

  constructor(
    private readonly create: (module: BackendModule) => Backend,
    private readonly onLoad: (ms: number) => void,
  ) {}

  get(): Backend {
    if (this.backend === undefined) {
      const start = performance.now();
      this.backend = this.create(loadModule());
      this.onLoad(performance.now() - start);
    }
    return this.backend;
  }

  loaded(): Backend | undefined {
    return this.backend;
  }

  dispose(): void {
    this.backend?.dispose();
    this.backend = undefined;
  }
}

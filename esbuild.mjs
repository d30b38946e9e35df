// Bundles the extension host code (a small activation bundle and the backend it loads on first use), the local
// service CLI and its worker, and the results panel's page. Writes each build's metafile next to it (dist/*.meta.json,
// summarised by scripts/bundle-report.mjs) and fails when activation grows past its budget or a module lands in
// both extension bundles.
import { watch as watchFiles } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { activationBudgetBytes, duplicatedModules, reportTable, summarize } from './scripts/bundle-report.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  metafile: true,
  // zod asks `typeof navigator` (to spot Cloudflare Workers); in VS Code's extension host reading that global logs
  // a deprecation with a stack trace. Nothing of ours runs in a browser, so the question is answered at build time.
  define: { navigator: 'undefined' },
};

const posix = (p) => p.split(path.sep).join('/');

// Bundled ES modules that find their own files through `import.meta.url` (the CRC64 code of @azure/storage-common)
// get the bundle's own URL: a CommonJS bundle has no import.meta.
const importMetaUrl = 'var __importMetaUrl = require("node:url").pathToFileURL(__filename).href;';
const withImportMetaUrl = {
  define: { ...node.define, 'import.meta.url': '__importMetaUrl' },
  banner: { js: `"use strict"; ${importMetaUrl}` }, // The directive first: these bundles are strict.
};

/** The source modules activation loads: src/extension.ts and what it imports (types aside). */
async function activationModules() {
  const probe = await esbuild.build({
    ...node,
    entryPoints: ['src/extension.ts'],
    write: false,
    sourcemap: false,
    logLevel: 'silent',
  });
  return Object.keys(probe.metafile.inputs).filter((input) => input.startsWith('src/'));
}

/** The activation bundle's entry: the extension, plus a table of its modules for dist/backend.js to use. */
function activationEntry(modules) {
  return {
    name: 'activation-entry',
    setup(build) {
      build.onResolve({ filter: /^activation:entry$/ }, () => ({ path: 'entry', namespace: 'activation' }));
      build.onLoad({ filter: /.*/, namespace: 'activation' }, () => ({
        resolveDir: process.cwd(),
        loader: 'ts',
        contents: [
          `export { activate, deactivate } from './src/extension';`,
          `import { provideSharedModules } from './src/activation/backendLoader';`,
          ...modules.map((m, i) => `import * as m${i} from './${m}';`),
          `provideSharedModules({ ${modules.map((m, i) => `${JSON.stringify(m)}: m${i}`).join(', ')} });`,
        ].join('\n'),
      }));
      // Loaded at run time from beside dist/extension.js, never bundled into it.
      build.onResolve({ filter: /^\.\/backend\.js$/ }, () => ({ path: './backend.js', external: true }));
    },
  };
}

/** In dist/backend.js, imports of modules activation already holds resolve to those very modules. */
function sharedModules(modules) {
  const held = new Set(modules.map((m) => path.resolve(m)));
  return {
    name: 'shared-modules',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'inner') return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'inner',
        });
        if (resolved.errors.length > 0 || !held.has(resolved.path)) return undefined;
        return { path: posix(path.relative(process.cwd(), resolved.path)), namespace: 'shared' };
      });
      build.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({
        contents: `module.exports = __activationModules[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

/**
 * Every `import * as vscode from 'vscode'` reads one namespace object. Left alone, esbuild wraps each module's
 * `require('vscode')` in its own copy of the API's hundreds of properties, which activation paid once per module.
 */
function oneVscodeNamespace() {
  return {
    name: 'one-vscode-namespace',
    setup(build) {
      build.onResolve({ filter: /^vscode$/ }, (args) =>
        args.namespace === 'vscode-api'
          ? { path: 'vscode', external: true }
          : { path: 'vscode', namespace: 'vscode-api' },
      );
      build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({
        contents: `export * from 'vscode';`,
        loader: 'js',
      }));
    },
  };
}

async function buildAll() {
  const modules = await activationModules();
  const [activation, backend, workers, webview] = await Promise.all([
    esbuild.build({
      ...node,
      entryPoints: { extension: 'activation:entry' },
      outdir: 'dist',
      plugins: [activationEntry(modules), oneVscodeNamespace()],
    }),
    esbuild.build({
      ...node,
      entryPoints: { backend: 'src/backend.ts' },
      outdir: 'dist',
      plugins: [sharedModules(modules), oneVscodeNamespace()],
      // A factory: src/activation/backendLoader.ts calls it with activation's modules.
      define: withImportMetaUrl.define,
      banner: {
        js: `module.exports = function (__activationModules) { "use strict"; var module = { exports: {} }, exports = module.exports; ${importMetaUrl}`,
      },
      footer: { js: 'return module.exports; };' },
    }),
    esbuild.build({
      ...node,
      entryPoints: {
        // The local service's CLI (npm run serve) and the worker that trains and predicts off the main thread.
        // The worker must sit beside whatever bundle starts it: the service looks for it next to itself.
        serve: 'src/service/cli.ts',
        engineWorker: 'src/service/engine/engineWorker.ts',
      },
      outdir: 'dist',
      ...withImportMetaUrl,
    }),
    // The results panel's page, for the browser inside the webview.
    esbuild.build({
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      sourcemap: !production,
      minify: production,
      logLevel: 'warning',
      metafile: true,
      entryPoints: { webview: 'src/webview/app/main.ts' },
      outdir: 'dist',
    }),
  ]);
  const metas = { extension: activation, backend, workers, webview };
  await Promise.all(
    Object.entries(metas).map(([name, r]) => writeFile(`dist/${name}.meta.json`, JSON.stringify(r.metafile))),
  );

  const merged = { inputs: {}, outputs: { ...activation.metafile.outputs, ...backend.metafile.outputs } };
  const problems = duplicatedModules(merged, ['extension.js', 'backend.js']).map((m) => `bundled twice: ${m}`);
  const activationBytes = Object.entries(activation.metafile.outputs).find(([f]) => f.endsWith('extension.js'))[1]
    .bytes;
  if (activationBytes > activationBudgetBytes)
    problems.push(`dist/extension.js is ${activationBytes} bytes, over its budget of ${activationBudgetBytes}`);
  const summary = summarize({
    inputs: {},
    outputs: Object.assign({}, ...Object.values(metas).map((r) => r.metafile.outputs)),
  });
  console.log(reportTable(summary));
  return problems;
}

async function run() {
  const problems = await buildAll();
  for (const p of problems) console.error(`✘ ${p}`);
  return problems.length === 0;
}

if (watch) {
  await run().catch((e) => console.error(e));
  let timer;
  watchFiles('src', { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => run().catch((e) => console.error(e)), 100);
  });
} else if (!(await run())) {
  process.exit(1);
}

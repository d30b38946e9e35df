// Bundles the extension host code, the local service CLI and its worker, and the results panel's page.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  external: ['vscode'],
};

const contexts = await Promise.all([
  esbuild.context({
    ...node,
    entryPoints: {
      extension: 'src/extension.ts',
      // The local service's CLI (npm run serve) and the worker that trains and predicts off the main thread.
      // The worker must sit beside whatever bundle starts it: the service looks for it next to itself.
      serve: 'src/service/cli.ts',
      engineWorker: 'src/service/engine/engineWorker.ts',
    },
    outdir: 'dist',
  }),
  // The results panel's page, for the browser inside the webview.
  esbuild.context({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'info',
    entryPoints: { webview: 'src/webview/app/main.ts' },
    outdir: 'dist',
  }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

// Bundles the extension host code, the local service CLI and its worker, and (later) webview code.
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
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

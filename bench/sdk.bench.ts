// The official SDKs end to end against the local service (HTTPS on 127.0.0.1): import → train → deploy → analyze,
// with and without the service's retry hints, each SDK with its default polling.
// JS: authoring through this project's LanguageClient (no JS authoring SDK is published on npm), analyze through
// @azure/ai-language-text. Python (when Debian's python3-azure is installed): authoring through azure-core's
// LROPoller/LROBasePolling with the authoring SDK's 30 s default interval (what azure-ai-textanalytics-authoring
// 1.0.0b1 runs; that package is not in Debian), analyze through azure-ai-textanalytics.
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AzureKeyCredential, TextAnalysisClient } from '@azure/ai-language-text';
import { Agent } from 'undici';
import { LanguageClient } from '../src/api/client';
import { exportedProjectSchema } from '../src/contract/labels';
import { createEngine } from '../src/service/engine/engineHost';
import { startLocalService } from '../src/service/server';
import { makeCertificate } from '../test/contract/serviceFixture';

const DATA = path.resolve(__dirname, '..', '..', 'samples', 'web-of-science');
const PYTHON = '/usr/bin/python3';
const PY_SCRIPT = path.resolve(__dirname, '..', '..', 'bench', 'sdk', 'e2e.py');

const execFileAsync = promisify(execFile);

type Steps = Record<'import' | 'train' | 'deploy' | 'analyze' | 'total', number>;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work();
  return (performance.now() - t) / 1000;
}

function pythonAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import azure.ai.textanalytics, azure.core'], { stdio: 'ignore' }).status === 0;
}

async function run(hints: boolean, root: string, tls: { cert: string; key: string }, certFile: string) {
  const service = await startLocalService({
    dataDir: path.join(root, `data-${String(hints)}`),
    containers: { dir: path.join(root, 'containers') },
    engine: createEngine(),
    env: {},
    tls,
    retryHints: hints,
  });
  try {
    const labels = exportedProjectSchema.parse(
      JSON.parse(readFileSync(path.join(DATA, 'webOfScience_labelsFile.json'), 'utf8')),
    );
    const documents = (labels.assets?.documents ?? []).slice(0, 25).map((d, i) => ({
      id: String(i + 1),
      text: readFileSync(path.join(DATA, d.location), 'utf8'),
      language: 'en',
    }));
    // JS: the extension's client with its default polling, then the runtime SDK.
    const client = new LanguageClient({
      endpoint: service.endpoint,
      credential: { key: service.key },
      dispatcher: new Agent({ connect: { ca: tls.cert } }),
    });
    const js: Partial<Steps> = {};
    const jsLabels = {
      ...labels,
      metadata: { ...labels.metadata, projectName: 'JsBench', storageInputContainerName: 'science' },
    };
    const started = performance.now();
    js.import = await timed(() => client.importProjectAndWait(jsLabels));
    js.train = await timed(() => client.trainAndWait('JsBench', { modelLabel: 'm', trainingConfigVersion: 'latest' }));
    js.deploy = await timed(() => client.deployAndWait('JsBench', 'prod', { trainedModelLabel: 'm' }));
    const sdk = new TextAnalysisClient(service.endpoint, new AzureKeyCredential(service.key), {
      tlsOptions: { ca: tls.cert },
    });
    js.analyze = await timed(async () => {
      const poller = await sdk.beginAnalyzeBatch(
        [{ kind: 'CustomSingleLabelClassification', projectName: 'JsBench', deploymentName: 'prod' }],
        documents,
        {}, // the SDK's defaults, polling included
      );
      for await (const action of await poller.pollUntilDone()) if (action.error) throw new Error(action.error.message);
    });
    js.total = (performance.now() - started) / 1000;

    let py: Partial<Steps> | undefined;
    if (pythonAvailable()) {
      const labelsFile = path.join(root, 'py-labels.json');
      const docsFile = path.join(root, 'py-docs.json');
      writeFileSync(
        labelsFile,
        JSON.stringify({
          ...labels,
          metadata: { ...labels.metadata, projectName: 'PyBench', storageInputContainerName: 'science' },
        }),
      );
      writeFileSync(docsFile, JSON.stringify(documents.map((d) => ({ id: d.id, text: d.text }))));
      // Asynchronously: the service answering Python runs on this very event loop.
      const out = await execFileAsync(PYTHON, [PY_SCRIPT, service.endpoint, service.key, labelsFile, docsFile], {
        encoding: 'utf8',
        env: { ...process.env, REQUESTS_CA_BUNDLE: certFile },
        timeout: 600_000,
      });
      py = JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}') as Partial<Steps>;
    }
    return { js, py };
  } finally {
    await service.close();
  }
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cts-bench-sdk-'));
  await mkdir(path.join(root, 'containers'));
  await symlink(DATA, path.join(root, 'containers', 'science'));
  const tls = makeCertificate(root);
  const certFile = path.join(root, 'cert.pem');
  try {
    const before = await run(false, root, tls, certFile);
    const after = await run(true, root, tls, certFile);
    const fmt = (s: Partial<Steps> | undefined, k: keyof Steps): string =>
      s?.[k] === undefined ? 'n/a' : `${s[k].toFixed(2)} s`;
    console.log('| SDK | step | without retry hints | with retry hints |\n|---|---|---|---|');
    for (const [name, b, a] of [
      ['JS (LanguageClient + @azure/ai-language-text)', before.js, after.js],
      ['Python (azure-core LROBasePolling + azure-ai-textanalytics)', before.py, after.py],
    ] as const) {
      for (const k of ['import', 'train', 'deploy', 'analyze', 'total'] as const)
        console.log(`| ${name} | ${k} | ${fmt(b, k)} | ${fmt(a, k)} |`);
    }
    if (!pythonAvailable()) console.log('\nPython rows: n/a (install Debian python3-azure to run them).');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

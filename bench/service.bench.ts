// Local service over real HTTP on loopback: import + train + deploy + analyze for one dataset (web of science,
// 210 abstracts, single-label), requests per second of a cheap GET, and analyze throughput in documents per second.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';
import { SCIENCE as DATA, startBenchService } from './localService';

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const { service, client, labels, close } = await startBenchService('cts-bench-');
  try {
    labels.metadata = { ...labels.metadata, projectName: 'Bench', storageInputContainerName: 'science' };
    const documents = labels.assets?.documents ?? [];

    const imported = await timed(() => client.importProjectAndWait(labels));
    const trained = await timed(() =>
      client.trainAndWait('Bench', { modelLabel: 'm', trainingConfigVersion: 'latest' }),
    );
    const deployed = await timed(() => client.deployAndWait('Bench', 'prod', { trainedModelLabel: 'm' }));

    const texts = documents.map((d, i) => ({ id: String(i), text: readFileSync(path.join(DATA, d.location), 'utf8') }));
    const target = [{ kind: 'CustomSingleLabelClassification' as const, projectName: 'Bench', deploymentName: 'prod' }];
    await client.runtime.analyze(texts.slice(0, 25), target); // warm the prediction worker's model cache
    const analyzed = await timed(() => client.runtime.analyze(texts, target, { concurrency: 4 }));

    // A cheap GET on one keep-alive connection pool, 8 requests in flight.
    const agent = new Agent({ connections: 8 });
    const url = `${service.endpoint}/language/authoring/analyze-text/projects/Bench?api-version=2023-04-01`;
    const headers = { 'ocp-apim-subscription-key': service.key };
    const total = 4000;
    let next = 0;
    const gets = await timed(async () => {
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < total) {
            next += 1;
            const res = await request(url, { headers, dispatcher: agent });
            await res.body.dump();
          }
        }),
      );
    });
    await agent.close();

    const rows: [string, string][] = [
      [`import ${documents.length} documents (job done)`, `${imported.ms.toFixed(0)} ms`],
      [`train single-label, ${documents.length} documents, 80/20 split (job done)`, `${trained.ms.toFixed(0)} ms`],
      ['deploy (job done)', `${deployed.ms.toFixed(0)} ms`],
      [
        `analyze ${texts.length} documents (${Math.ceil(texts.length / 25)} jobs, 4 in flight)`,
        `${analyzed.ms.toFixed(0)} ms = ${((texts.length / analyzed.ms) * 1000).toFixed(0)} documents/s`,
      ],
      [`GET project, ${total} requests, 8 in flight`, `${((total / gets.ms) * 1000).toFixed(0)} requests/s`],
    ];
    console.log('| step | result |\n|---|---|');
    for (const [step, result] of rows) console.log(`| ${step} | ${result} |`);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

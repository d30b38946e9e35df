// Status polls while 40 trainings are queued: the service's own latency for a cheap GET must stay low while the
// training slots work through the queue (real engine, web of science, 210 abstracts per project), with memory
// bounded by the slots rather than by the number of trainings.
import { Agent, request } from 'undici';
import { defaultTrainingSlots } from '../src/service/slots';
import { startBenchService } from './localService';

const TRAININGS = 40;
const GOAL_P99_MS = 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { service, client, labels, close } = await startBenchService('cts-bench-queue-');
  const agent = new Agent({ connections: 4 });
  try {
    const names = Array.from({ length: TRAININGS }, (_, i) => `Queue${i}`);
    for (const name of names) {
      await client.importProjectAndWait({
        ...labels,
        metadata: { ...labels.metadata, projectName: name, storageInputContainerName: 'science' },
      });
    }
    const rssBefore = process.memoryUsage().rss;
    const headers = { 'ocp-apim-subscription-key': service.key, 'content-type': 'application/json' };
    const base = `${service.endpoint}/language/authoring/analyze-text/projects`;
    const started = performance.now();
    const locations: string[] = [];
    for (const name of names) {
      const res = await request(`${base}/${name}/:train?api-version=2023-04-01`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ modelLabel: 'm', trainingConfigVersion: 'latest' }),
        dispatcher: agent,
      });
      await res.body.dump();
      locations.push(String(res.headers['operation-location']));
    }
    // One poller per job would be 40 clients; 4 pollers cycling over all jobs, as fast as answers come.
    const latencies: number[] = [];
    let rssPeak = rssBefore;
    const finished = new Set<string>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (finished.size < locations.length && latencies.length < 200_000) {
          const location = locations[next++ % locations.length] ?? '';
          if (finished.has(location)) continue;
          const t = performance.now();
          const res = await request(location, { headers, dispatcher: agent });
          const body = (await res.body.json()) as { status?: string };
          latencies.push(performance.now() - t);
          if (body.status === 'succeeded' || body.status === 'failed') finished.add(location);
          rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        }
      }),
    );
    const allMs = performance.now() - started;
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    const mb = (n: number): string => `${Math.round(n / 2 ** 20)} MB`;
    console.log('| measure | result |\n|---|---|');
    console.log(`| trainings queued at once / slots | ${TRAININGS} / ${defaultTrainingSlots()} |`);
    console.log(`| all ${TRAININGS} trainings done | ${(allMs / 1000).toFixed(1)} s |`);
    console.log(`| status polls while they ran | ${latencies.length} |`);
    console.log(
      `| poll latency p50 / p99 / max | ${percentile(latencies, 50).toFixed(1)} / ${p99.toFixed(1)} / ${(latencies.at(-1) ?? 0).toFixed(1)} ms |`,
    );
    console.log(`| RSS before / peak | ${mb(rssBefore)} / ${mb(rssPeak)} |`);
    console.log(`| goal: poll p99 ≤ ${GOAL_P99_MS} ms | ${p99 <= GOAL_P99_MS ? 'PASS' : 'FAIL'} |`);
    if (p99 > GOAL_P99_MS || finished.size < locations.length) process.exitCode = 1;
  } finally {
    await agent.close();
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

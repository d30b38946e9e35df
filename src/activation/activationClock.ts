// How long activate() took by the clock and on this thread's CPU. VS Code's "call activate" figure is clock time:
// when it is far above the CPU time, the thread was waiting for a core (a loaded machine), not working.

interface CpuUsage {
  user: number;
  system: number;
}
// Node 23.9 and later (VS Code's extension host runs on such a Node); absent on older ones.
const threadCpuUsage = (process as { threadCpuUsage?: (since?: CpuUsage) => CpuUsage }).threadCpuUsage;

/** Starts the clock; the function it returns says how long since, by the clock and on the CPU. */
export function startActivationClock(): () => string {
  const startedAt = performance.now();
  const cpuAtStart = threadCpuUsage?.call(process);
  return () => {
    const clockMs = performance.now() - startedAt;
    const cpu = cpuAtStart && threadCpuUsage?.call(process, cpuAtStart);
    const cpuText = cpu ? `, ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms of it on this thread's CPU` : '';
    return `activate() ran ${clockMs.toFixed(1)} ms${cpuText}`;
  };
}

// Mocha reports a test as passing even when it leaves a rejected promise nobody handles; in the service such a
// rejection stops the process. This root hook fails the test during which one surfaced.
const leaked: unknown[] = [];
process.on('unhandledRejection', (reason) => {
  leaked.push(reason);
});

function check(): void {
  if (leaked.length === 0) return;
  const reasons = leaked.splice(0).map((r) => (r instanceof Error ? (r.stack ?? r.message) : String(r)));
  throw new Error(`Unhandled promise rejection(s):\n${reasons.join('\n')}`);
}

export const mochaHooks = {
  async afterEach(): Promise<void> {
    // Rejections surface after the microtask queue drains; give them one macrotask turn.
    await new Promise((resolve) => setImmediate(resolve));
    check();
  },
  afterAll: check,
};

// `npm run serve`: the local service as a standalone process. Prints "endpoint: URL" and "key: K" on lines of
// their own, then serves until interrupted.
import { readFile } from 'node:fs/promises';
import { CliError, parseCliArgs } from './cliArgs';
import { startLocalService } from './server';

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  const tls =
    options.tlsCertFile !== undefined && options.tlsKeyFile !== undefined
      ? { cert: await readFile(options.tlsCertFile), key: await readFile(options.tlsKeyFile) }
      : undefined;
  const service = await startLocalService({
    dataDir: options.dataDir,
    port: options.port,
    host: options.host,
    ...(options.key !== undefined ? { key: options.key } : {}),
    ...(options.bearerToken !== undefined ? { bearerToken: options.bearerToken } : {}),
    ...(options.blob !== undefined
      ? { containers: { blob: options.blob } }
      : options.containersDir !== undefined
        ? { containers: { dir: options.containersDir } }
        : {}),
    faults: options.faults,
    ...(tls ? { tls } : {}),
    log: (message) => {
      process.stderr.write(`${message}\n`);
    },
  });
  process.stdout.write(
    options.bearerToken === undefined
      ? `endpoint: ${service.endpoint}\nkey: ${service.key}\n`
      : `endpoint: ${service.endpoint}\nauth: bearer token required\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Last line of defence: every write and job already handles its own failures; should one slip through, the
  // service says so and keeps serving rather than exiting.
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(
      `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}\n`,
    );
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // A clear sentence, never a stack trace: bad arguments, a port in use, an unwritable data dir.
  const message =
    error instanceof CliError
      ? error.message
      : error instanceof Error && 'code' in error && error.code === 'EADDRINUSE'
        ? 'That port is already in use; pick another with --port or use --port 0 for a free one.'
        : error instanceof Error
          ? `Could not start the local service: ${error.message}`
          : 'Could not start the local service.';
  process.stderr.write(`${message}\n`);
  process.exit(error instanceof CliError ? 2 : 1);
});

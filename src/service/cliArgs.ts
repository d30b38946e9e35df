// Command-line arguments of `npm run serve`, with messages that say how to fix a bad one.
import path from 'node:path';
import { parseFaultRules } from './faults';
import type { FaultRule } from './faults';

export interface CliOptions {
  port: number;
  host: string;
  dataDir: string;
  containersDir: string | undefined;
  key: string | undefined;
  faults: FaultRule[];
  /** PEM files for HTTPS (both or neither). */
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
}

export const USAGE = `Usage: serve [--port P] [--host H] [--data DIR] [--containers DIR] [--key K] [--faults JSON] [--tls-cert FILE --tls-key FILE]
  --port        port to listen on (default 0: a free port)
  --host        address to bind (default 127.0.0.1)
  --data        where projects, models, deployments and jobs are kept (default ./.custom-text-service)
  --containers  a directory whose subfolders are the storage containers
  --key         the key clients must send (default: a random key, printed at start)
  --faults      fault-injection rules as JSON, e.g. '[{"path":"/analyze-text/jobs","status":429,"times":1}]'
  --tls-cert    serve HTTPS with this PEM certificate (with --tls-key)
  --tls-key     the PEM private key of --tls-cert`;

export class CliError extends Error {}

const FLAGS = new Set(['--port', '--host', '--data', '--containers', '--key', '--faults', '--tls-cert', '--tls-key']);

export function parseCliArgs(argv: readonly string[], cwd = process.cwd()): CliOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') throw new CliError(USAGE);
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (!FLAGS.has(flag)) throw new CliError(`Unknown argument "${arg}".\n${USAGE}`);
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new CliError(`${flag} needs a value.\n${USAGE}`);
    if (inline === undefined) i += 1;
    values.set(flag, value);
  }
  const portText = values.get('--port') ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be an integer from 0 to 65535, got "${portText}".`);
  const key = values.get('--key');
  if (key === '') throw new CliError('--key cannot be empty.');
  const faultsText = values.get('--faults');
  let faults: FaultRule[] = [];
  if (faultsText !== undefined) {
    try {
      faults = parseFaultRules(faultsText, '--faults');
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error));
    }
  }
  const containers = values.get('--containers');
  const tlsCert = values.get('--tls-cert');
  const tlsKey = values.get('--tls-key');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) throw new CliError('--tls-cert and --tls-key go together.');
  return {
    tlsCertFile: tlsCert === undefined ? undefined : path.resolve(cwd, tlsCert),
    tlsKeyFile: tlsKey === undefined ? undefined : path.resolve(cwd, tlsKey),
    port,
    host: values.get('--host') ?? '127.0.0.1',
    dataDir: path.resolve(cwd, values.get('--data') ?? '.custom-text-service'),
    containersDir: containers === undefined ? undefined : path.resolve(cwd, containers),
    key,
    faults,
  };
}

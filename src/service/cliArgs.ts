// Command-line arguments of `npm run serve`, with messages that say how to fix a bad one.
import path from 'node:path';
import type { StorageAuth } from '../storage/storageCredential';
import { accountNameOf } from '../storage/storageCredential';
import { parseFaultRules } from './faults';
import type { FaultRule } from './faults';

export interface CliOptions {
  port: number;
  host: string;
  dataDir: string;
  containersDir: string | undefined;
  key: string | undefined;
  /** A bearer token required instead of the key (a resource with key access turned off). */
  bearerToken: string | undefined;
  faults: FaultRule[];
  /** PEM files for HTTPS (both or neither). */
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
  /** Containers from a Blob service instead of folders. */
  blob: { accountUrl: string; auth: StorageAuth } | undefined;
}

export const USAGE = `Usage: serve [--port P] [--host H] [--data DIR] [--containers DIR] [--key K | --require-bearer TOKEN] [--faults JSON] [--tls-cert FILE --tls-key FILE]
  --port        port to listen on (default 0: a free port)
  --host        address to bind (default 127.0.0.1)
  --data        where projects, models, deployments and jobs are kept (default ./.custom-text-service)
  --containers  a directory whose subfolders are the storage containers
  --key         the key clients must send (default: a random key, printed at start)
  --require-bearer TOKEN  require "Authorization: Bearer TOKEN" instead of the key (as with Microsoft Entra ID)
  --faults      fault-injection rules as JSON, e.g. '[{"path":"/analyze-text/jobs","status":429,"times":1}]';
                a rule's path is matched literally anywhere in the request path (a leading ^ pins it to the start,
                a trailing $ to the end; no regular expressions), latencyMs and jobDelayMs are at most 60000
  --tls-cert    serve HTTPS with this PEM certificate (with --tls-key)
  --tls-key     the PEM private key of --tls-cert
  --blob-endpoint  read containers from this Blob service account URL (as Azure reads the linked storage account)
                   instead of folders, e.g. http://127.0.0.1:10000/devstoreaccount1 for Azurite
  --blob-key       the storage account key (the account name comes from the URL, or --blob-account)
  --blob-sas       a SAS token for the account instead of a key`;

export class CliError extends Error {}

const FLAGS = new Set([
  '--port',
  '--host',
  '--data',
  '--containers',
  '--key',
  '--require-bearer',
  '--faults',
  '--tls-cert',
  '--tls-key',
  '--blob-endpoint',
  '--blob-key',
  '--blob-account',
  '--blob-sas',
]);

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
  const bearerToken = values.get('--require-bearer');
  if (bearerToken !== undefined) checkBearerToken(bearerToken);
  if (bearerToken !== undefined && key !== undefined)
    throw new CliError('--require-bearer replaces --key: give one of them.');
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
    blob: blobSource(values),
    tlsCertFile: tlsCert === undefined ? undefined : path.resolve(cwd, tlsCert),
    tlsKeyFile: tlsKey === undefined ? undefined : path.resolve(cwd, tlsKey),
    port,
    host: values.get('--host') ?? '127.0.0.1',
    dataDir: path.resolve(cwd, values.get('--data') ?? '.custom-text-service'),
    containersDir: containers === undefined ? undefined : path.resolve(cwd, containers),
    key,
    bearerToken,
    faults,
  };
}

/** A token fit for an HTTP header: base64url and JWT characters only, of a sane length. */
function checkBearerToken(token: string): void {
  if (token.length < 16 || token.length > 8192)
    throw new CliError(`--require-bearer needs a token of 16 to 8192 characters, got ${token.length}.`);
  if (!/^[A-Za-z0-9._~+/=-]+$/.test(token))
    throw new CliError('--require-bearer takes letters, digits and . _ ~ + / = - only (as in a JWT).');
}

function blobSource(values: Map<string, string>): CliOptions['blob'] {
  const endpoint = values.get('--blob-endpoint');
  const key = values.get('--blob-key');
  const sas = values.get('--blob-sas');
  const account = values.get('--blob-account');
  if (endpoint === undefined) {
    if (key !== undefined || sas !== undefined || account !== undefined)
      throw new CliError('--blob-key, --blob-sas and --blob-account go with --blob-endpoint URL.');
    return undefined;
  }
  if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol))
    throw new CliError(
      `--blob-endpoint must be an http(s) URL such as https://ACCOUNT.blob.core.windows.net, got "${endpoint}".`,
    );
  if ((key === undefined) === (sas === undefined))
    throw new CliError('--blob-endpoint needs exactly one credential: --blob-key KEY or --blob-sas SAS.');
  const auth: StorageAuth =
    key !== undefined
      ? { kind: 'key', accountName: account ?? accountNameOf(endpoint), accountKey: key }
      : { kind: 'sas', sas: sas ?? '' };
  return { accountUrl: endpoint, auth };
}

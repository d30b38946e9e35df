// Starts Azurite's blob service (the Azure Storage emulator from npm) on a free port over a temporary folder, for
// tests of the blob route; stops it and removes the folder after. Also starts a local service that reads its
// containers from that account, as Azure reads the storage account linked to a Language resource.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from '../src/service/engine/engineHost';
import { startLocalService } from '../src/service/server';
import type { LocalService } from '../src/service/server';

/** Azurite's well-known development account (documented, not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** The account's blob endpoint, e.g. http://127.0.0.1:PORT/devstoreaccount1 */
  accountUrl: string;
  port: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function azuriteBlobMain(root: string): string {
  return path.join(root, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
}

/** HTTPS with this certificate, and bearer tokens accepted (Azurite's basic OAuth: the audience is checked, not the signature). */
export interface AzuriteSignIn {
  certFile: string;
  keyFile: string;
}

/** `root` is the repository (where node_modules is). */
export async function startAzurite(root: string, node = process.execPath, signIn?: AzuriteSignIn): Promise<Azurite> {
  const location = await mkdtemp(path.join(os.tmpdir(), 'cts-azurite-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    node,
    [
      azuriteBlobMain(root),
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      location,
      '--silent',
      '--skipApiVersionCheck',
      '--loose',
      // Azurite reports usage to its makers unless told not to; tests send nothing anywhere.
      '--disableTelemetry',
      ...(signIn ? ['--cert', signIn.certFile, '--key', signIn.keyFile, '--oauth', 'basic'] : []),
    ],
    // Inside VS Code's extension host process.execPath is Electron or code-server's node: run it as plain Node.
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`Azurite did not start in 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/listens on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    accountUrl: `${signIn ? 'https' : 'http'}://127.0.0.1:${port}/${AZURITE_ACCOUNT}`,
    port,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        // Azurite waits for idle keep-alive connections on SIGTERM: it gets a second, then SIGKILL.
        const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
        await exited;
        clearTimeout(timer);
      }
      await rm(location, { recursive: true, force: true });
    },
  };
}

export interface BlobBackedService {
  service: LocalService;
  /** Closes the service and removes its data folder. */
  close(): Promise<void>;
}

/** A local service (one training worker, no fault injection from the environment) reading blobs at `accountUrl`. */
export async function startServiceOnBlobs(accountUrl: string): Promise<BlobBackedService> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cts-blob-service-'));
  const service = await startLocalService({
    dataDir,
    engine: createEngine({ workers: 1 }),
    env: {},
    containers: {
      blob: { accountUrl, auth: { kind: 'key', accountName: AZURITE_ACCOUNT, accountKey: AZURITE_KEY } },
    },
  });
  return {
    service,
    close: async () => {
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

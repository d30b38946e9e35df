// Connections that sign in with Microsoft Entra ID. Sign-in itself cannot run offline, so a session source injected
// through the test API stands in for VS Code's Microsoft authentication provider; everything after it is real: Add
// Connection's prompts, the token cache, the tree, and a local service started to require a bearer token.
import * as assert from 'node:assert/strict';
import { LanguageClient } from '../../../src/api/client';
import { cognitiveServicesScope } from '../../../src/api/credentials';
import { CommandId } from '../../../src/commands/ids';
import { exportedProjectSchema } from '../../../src/contract/labels';
import type { TestApi } from '../../../src/extension';
import { startLocalService } from '../../../src/service/server';
import type { LocalService } from '../../../src/service/server';
import { CLASS_DOCS, makeTempDirs, singleLabelProject, writeContainer } from '../../unit/service/fixtures';
import type { TempDirs } from '../../unit/service/fixtures';
import { createKeywordEngine } from '../../unit/service/keywordEngine';
import {
  activateExtension,
  connectionNodes,
  findConnection,
  input,
  labels,
  pick,
  removeConnection,
  runWith,
} from './helpers';

const SIGNED_IN = 'Signed in';
const REFUSED = 'Signed in, refused';

/** An unsigned JWT valid for an hour: the extension reads its expiry, the service compares it. */
function token(): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600, sub: 'tester' })}.sig`;
}

suite('Sign in with Microsoft (an injected session in place of the sign-in)', () => {
  let api: TestApi;
  let dirs: TempDirs;
  let service: LocalService;
  const bearer = token();

  suiteSetup(async () => {
    api = await activateExtension();
    dirs = await makeTempDirs();
    await writeContainer(dirs.containersDir, 'docs', CLASS_DOCS);
    service = await startLocalService({
      dataDir: dirs.dataDir,
      engine: createKeywordEngine(),
      containers: { dir: dirs.containersDir },
      env: {},
      bearerToken: bearer,
    });
    const client = new LanguageClient({
      endpoint: service.endpoint,
      credential: { getToken: () => Promise.resolve(bearer) },
    });
    assert.equal(
      (await client.importProjectAndWait(exportedProjectSchema.parse(singleLabelProject('SignedInTickets', 'docs'))))
        .status,
      'succeeded',
    );
  });
  suiteTeardown(async () => {
    for (const node of await connectionNodes(api))
      if ([SIGNED_IN, REFUSED].includes(node.connection.name)) await removeConnection(api, node);
    await service.close();
    await dirs.cleanup();
  });

  test('Add Connection… signed in with Microsoft lists the projects of a resource that takes only bearer tokens', async () => {
    const asked: string[][] = [];
    const restore = api.signInWith((scopes) => {
      asked.push([...scopes]);
      return Promise.resolve(bearer);
    });
    try {
      const id = await runWith<string>(
        api,
        [input('endpoint', service.endpoint), input('name', SIGNED_IN), pick('sign in with', 'Sign in with Microsoft')],
        CommandId.addConnection,
      );
      assert.equal(typeof id, 'string', 'the check passed without a question: the connection is saved');
      assert.equal(await api.secretFor(id ?? ''), undefined, 'nothing is kept in secret storage');
      const node = await findConnection(api, SIGNED_IN);
      assert.equal(node.connection.auth, 'entra');
      assert.deepEqual(labels(api, await api.tree.getChildren(node)), ['SignedInTickets']);
      assert.deepEqual(asked, [[cognitiveServicesScope]], 'the check and the listing share one cached token');
      assert.ok(!api.logText().includes(bearer), 'the log never contains the token');
    } finally {
      restore();
    }
  });

  test('a token the resource refuses: one more try with a fresh one, then the node says to sign in again and names the resource', async () => {
    let asked = 0;
    const restore = api.signInWith(() => Promise.resolve(`refused-token-${++asked}`));
    try {
      await runWith<string>(
        api,
        [
          input('endpoint', service.endpoint),
          input('name', REFUSED),
          pick('sign in with', 'Sign in with Microsoft'),
          pick(
            /the check failed\. The Language resource 127\.0\.0\.1:\d+ did not accept the Microsoft sign-in/,
            'Keep Anyway',
          ),
        ],
        CommandId.addConnection,
      );
      assert.equal(asked, 2, 'the check sent its request once more with a fresh token');
      const children = await api.tree.getChildren(await findConnection(api, REFUSED));
      assert.equal(children.length, 1);
      const text = labels(api, children)[0] ?? '';
      assert.ok(text.includes(new URL(service.endpoint).host), text);
      assert.match(text, /did not accept the Microsoft sign-in \(401\): sign in again/);
      assert.match(String(api.tree.getTreeItem(children[0]!).description), /^HTTP 401/);
    } finally {
      restore();
    }
  });
});

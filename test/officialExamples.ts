// The official OpenAPI example payloads in test/fixtures/openapi, for tests in plain Node and in VS Code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** test/fixtures/openapi, from the compiled out/test folder. */
export const openapiDir = join(__dirname, '..', '..', 'test', 'fixtures', 'openapi');

/** The body of an example's 200 answer; `file` is relative to openapiDir, e.g. '2023-04-01/examples/X.json'. */
export function exampleResponseBody(file: string): unknown {
  const example = JSON.parse(readFileSync(join(openapiDir, file), 'utf8')) as {
    responses: { '200': { body: unknown } };
  };
  return example.responses['200'].body;
}

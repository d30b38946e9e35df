// Operations of Azure's API that the local service does not perform (copying between resources, exported models,
// evaluation on demand, deployment resources, prebuilt entities). They answer 501 with their name, never a 404
// that would read as "your project does not exist".
import { ServiceError } from './errors';

const A = '/language/authoring/analyze-text/projects';
const unserved: readonly (readonly [method: string, pattern: string, what: string])[] = [
  ['POST', `${A}/{}/:authorize-copy`, 'copying projects between resources'],
  ['POST', `${A}/{}/:copy`, 'copying projects between resources'],
  ['GET', `${A}/{}/copy/jobs/{}`, 'copying projects between resources'],
  ['POST', `${A}/{}/deployments/{}/:delete-from-resources`, 'deployment resources'],
  ['GET', `${A}/{}/deployments/{}/delete-from-resources/jobs/{}`, 'deployment resources'],
  ['GET', `${A}/{}/exported-models`, 'exported models'],
  ['GET', `${A}/{}/exported-models/{}`, 'exported models'],
  ['PUT', `${A}/{}/exported-models/{}`, 'exported models'],
  ['DELETE', `${A}/{}/exported-models/{}`, 'exported models'],
  ['GET', `${A}/{}/exported-models/{}/jobs/{}`, 'exported models'],
  ['GET', `${A}/{}/exported-models/{}/manifest`, 'exported models'],
  ['POST', `${A}/{}/models/{}/:evaluate`, 'evaluation on demand (every trained model has its evaluation already)'],
  [
    'GET',
    `${A}/{}/models/{}/evaluate/jobs/{}`,
    'evaluation on demand (every trained model has its evaluation already)',
  ],
  ['GET', `${A}/{}/resources`, 'deployment resources'],
  ['POST', `${A}/{}/resources/:assign`, 'deployment resources'],
  ['POST', `${A}/{}/resources/:unassign`, 'deployment resources'],
  ['GET', `${A}/{}/resources/assign/jobs/{}`, 'deployment resources'],
  ['GET', `${A}/{}/resources/unassign/jobs/{}`, 'deployment resources'],
  ['GET', `${A}/global/deployments/resources`, 'deployment resources'],
  ['GET', `${A}/global/prebuilt-entities`, 'prebuilt entities'],
];
const matchers = unserved.map(([method, pattern, what]) => ({
  method,
  what,
  regex: new RegExp(`^${pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replaceAll('{}', '[^/]+')}$`),
}));

/** The 501 for an Azure operation this service does not perform; undefined for any other path. */
export function unservedOperation(method: string, path: string): ServiceError | undefined {
  const found = matchers.find((m) => m.method === method && m.regex.test(path));
  if (found === undefined) return undefined;
  return new ServiceError(
    501,
    'InvalidRequest',
    `The local service does not offer ${found.what}: use an Azure Language resource for this operation.`,
  );
}

// What route handlers share: the store, jobs, containers and the engine.
import { MAX_PROJECTS } from '../contract/limits';
import type { Containers } from './containers';
import type { Engine } from './engine/types';
import type { Jobs } from './jobs';
import type { Slots } from './slots';
import type { Store } from './store';

export interface ServiceDeps {
  store: Store;
  jobs: Jobs;
  containers: Containers;
  engine: Engine;
  /** Trainings run in these slots; the rest wait, notStarted. */
  trainingSlots: Slots;
  limits: Limits;
}

/** Per-resource limits as Azure sets them (tests lower them). */
export interface Limits {
  projects: number;
}
export const DEFAULT_LIMITS: Limits = { projects: MAX_PROJECTS };

export { AUTHORING_API_VERSIONS, AUTHORING_BASE, RUNTIME_API_VERSIONS, RUNTIME_BASE } from '../contract/versions';

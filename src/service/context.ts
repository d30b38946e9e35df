// What route handlers share: the store, jobs, containers and the engine.
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
export const DEFAULT_LIMITS: Limits = { projects: 500 };

export const AUTHORING_BASE = '/language/authoring/analyze-text';
export const RUNTIME_BASE = '/language/analyze-text';
export const AUTHORING_API_VERSIONS = ['2022-05-01', '2023-04-01'] as const;
export const RUNTIME_API_VERSIONS = ['2022-05-01', '2023-04-01', '2024-11-01'] as const;

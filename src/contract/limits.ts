// The service's limits, as Azure documents them for custom text (client and local service both use these).

/** Documents per analyze request. */
export const MAX_DOCUMENTS = 25;
/** Text elements (graphemes) across all documents of one analyze request. */
export const MAX_CHARACTERS = 125_000;
/** Bytes of one analyze request body. */
export const MAX_RUNTIME_REQUEST_BYTES = 1024 * 1024;
/** Tasks per analyze request: the spec sets none; the local service caps them so one request's work is bounded. */
export const MAX_TASKS = 25;
/** Characters per billed text record. */
export const TEXT_RECORD_CHARS = 1000;
/** Trained models per project. */
export const MAX_MODELS = 10;
/** Deployments per project (F0: 1). */
export const MAX_DEPLOYMENTS = 10;
/** Projects per resource. */
export const MAX_PROJECTS = 500;
/** Authoring job results are kept 7 days, analyze jobs 24 hours. */
export const AUTHORING_JOB_TTL_MS = 7 * 24 * 3_600_000;
export const RUNTIME_JOB_TTL_MS = 24 * 3_600_000;
/** Labeled documents Azure documents as the least a project needs to train, and the most it may have. */
export const AZURE_MIN_TRAINING_DOCUMENTS = 10;
export const MAX_TRAINING_DOCUMENTS = 100_000;
/**
 * What the local service enforces instead: this many labeled documents in the training set and as many in the
 * testing set (a percentage split moves documents to keep both), so it trains on as few as twice this.
 */
export const LOCAL_MIN_DOCUMENTS_PER_SET = 2;
/** Characters (text elements) of one training document. */
export const MAX_TRAINING_DOCUMENT_CHARACTERS = 128_000;
/**
 * A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair 4 for its 2 units), so a document of more
 * bytes than this is over the character limit whatever it holds (a BOM included): nothing larger is ever read.
 */
export const MAX_DOCUMENT_BYTES = 4 * (MAX_TRAINING_DOCUMENT_CHARACTERS + 1);
/** Classes or entity types declared by one project. */
export const MAX_CATEGORIES = 200;
/**
 * Labeled examples of a class or entity type in the training set below which the model will be weak: the least
 * the extension advises (Azure advises more, about 50 per entity type, for a good model).
 */
export const ADVISED_TRAINING_EXAMPLES = 10;

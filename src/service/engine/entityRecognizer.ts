// Entity recognition: BIO tags over tokens, learnt by the sequence tagger. Training reads only the labelled
// regions of each document; spans come back as UTF-16 offsets that never overlap and stay inside the text.
import type { UnspacedTokens } from './tokenize';
import * as z from 'zod/mini';
import { base64ToFloat32, base64ToInt32, float32ToBase64, int32ToBase64 } from './base64Arrays';
import { BucketIndex } from './bucketIndex';
import { createRandom } from './random';
import type { TaggedSequence, TaggerWeights } from './sequenceTagger';
import { tagCountFor, tagSequence, trainTagger } from './sequenceTagger';
import { tokenSequence } from './tokenFeatures';
import type { TokenSequence } from './tokenFeatures';
import type { EntitySpan, LabeledRegion } from './types';

export const ENTITY_RECOGNIZER_FORMAT = 'bio-perceptron-v3';
/** Models that split unspaced scripts (Chinese, Japanese, Thai…) into words: they still load, and do so still. */
export const WORD_SEGMENTED_RECOGNIZER_FORMAT = 'bio-perceptron-v2';
const EPOCHS = 12;
const MIN_SEQUENCE_VISITS = 200;
const MARGIN_FROM_SEQUENCES = 8;

export interface EntityRecognizer {
  categories: string[];
  weights: TaggerWeights;
  /** How unspaced scripts are tokenized: by character (v3), or by word (v2 models). */
  unspaced: UnspacedTokens;
}

export interface RegionText {
  text: string;
  region: LabeledRegion;
}

export interface RecognizedEntity extends EntitySpan {
  confidenceScore: number;
}

/** Gold tags: a token belongs to the first label whose span contains its start. */
export function goldTags(
  tokens: TokenSequence,
  labels: readonly EntitySpan[],
  categories: readonly string[],
): Int32Array {
  const n = tokens.starts.length;
  const tags = new Int32Array(n);
  const sorted = [...labels].sort((a, b) => a.offset - b.offset || b.length - a.length);
  let i = 0;
  for (const label of sorted) {
    const c = categories.indexOf(label.category);
    if (c < 0 || label.length <= 0) continue;
    const end = label.offset + label.length;
    while (i < n && (tokens.starts[i] ?? 0) < label.offset) i++;
    let first = true;
    while (i < n && (tokens.starts[i] ?? 0) < end) {
      tags[i] = first ? 1 + 2 * c : 2 + 2 * c;
      first = false;
      i++;
    }
  }
  return tags;
}

/** Turns tags into spans: a begin tag opens an entity, inside tags of the same category extend it. */
export function decodeEntities(
  tokens: TokenSequence,
  tags: Int32Array,
  confidences: Float64Array,
  categories: readonly string[],
): RecognizedEntity[] {
  const out: RecognizedEntity[] = [];
  let open: { c: number; start: number; end: number; confidence: number; count: number } | undefined;
  const close = (): void => {
    if (open === undefined) return;
    out.push({
      category: categories[open.c] ?? '',
      offset: open.start,
      length: open.end - open.start,
      confidenceScore: Math.min(1, Math.max(0, open.confidence / open.count)),
    });
    open = undefined;
  };
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] ?? 0;
    const start = tokens.starts[i] ?? 0;
    const end = tokens.ends[i] ?? 0;
    const confidence = confidences[i] ?? 0;
    if (tag === 0) {
      close();
      continue;
    }
    const c = (tag - 1) >> 1;
    if (tag % 2 === 0 && open?.c === c) {
      open.end = end;
      open.confidence += confidence;
      open.count++;
      continue;
    }
    close();
    open = { c, start, end, confidence, count: 1 };
  }
  close();
  return out;
}

export function trainEntityRecognizer(
  documents: readonly RegionText[],
  categories: readonly string[],
  seed: number,
  onEpoch?: (fraction: number) => void,
): EntityRecognizer {
  const sequences: TaggedSequence[] = documents.map(({ text, region }) => {
    const from = Math.max(0, Math.min(text.length, region.regionOffset));
    const to = Math.max(from, Math.min(text.length, region.regionOffset + region.regionLength));
    const tokens = tokenSequence(text, from, to, 'characters');
    return { features: tokens.features, tags: goldTags(tokens, region.labels, categories) };
  });
  // Tiny projects get more passes: the averaged weights need enough updates to settle, whatever the data size.
  const epochs = Math.max(EPOCHS, Math.ceil(MIN_SEQUENCE_VISITS / Math.max(1, sequences.length)));
  const weights = trainTagger(sequences, tagCountFor(categories.length), {
    epochs,
    minEpochs: 5,
    // The margin's first pass (every tag wrong) gives the outside tag a head start that a handful of documents
    // cannot overcome; from a few documents up it converges faster and generalizes better than plain updates.
    margin: sequences.length >= MARGIN_FROM_SEQUENCES ? 1 : 0,
    random: createRandom(seed),
    onEpoch: (epoch) => onEpoch?.(epoch / epochs),
  });
  return { categories: [...categories], weights, unspaced: 'characters' };
}

/** Entities in text[from, to), with document offsets. */
export function recognizeEntities(
  model: EntityRecognizer,
  text: string,
  from = 0,
  to = text.length,
): RecognizedEntity[] {
  const tokens = tokenSequence(text, from, to, model.unspaced);
  const { tags, confidences } = tagSequence(model.weights, tokens.features);
  return decodeEntities(tokens, tags, confidences, model.categories);
}

export const entityRecognizerDataSchema = z.object({
  categories: z.array(z.string()),
  featureHashes: z.string(),
  emission: z.string(),
  transition: z.string(),
});
export type EntityRecognizerData = z.infer<typeof entityRecognizerDataSchema>;

export function serializeEntityRecognizer(model: EntityRecognizer): EntityRecognizerData {
  return {
    categories: model.categories,
    featureHashes: int32ToBase64(model.weights.featureHashes),
    emission: float32ToBase64(model.weights.emission),
    transition: float32ToBase64(model.weights.transition),
  };
}

export function deserializeEntityRecognizer(data: unknown, unspaced: UnspacedTokens): EntityRecognizer {
  const parsed = entityRecognizerDataSchema.safeParse(data);
  if (!parsed.success) throw new Error('The model is damaged or from another version: its recognizer data is invalid.');
  const d = parsed.data;
  const T = tagCountFor(d.categories.length);
  const featureHashes = base64ToInt32(d.featureHashes, 'featureHashes');
  const emission = base64ToFloat32(d.emission, 'emission');
  const transition = base64ToFloat32(d.transition, 'transition');
  if (emission.length !== featureHashes.length * T || transition.length !== (T + 1) * T) {
    throw new Error('The model is damaged: its recognizer arrays do not match its category list.');
  }
  return {
    categories: d.categories,
    weights: { tagCount: T, featureHashes, index: BucketIndex.fromBuckets(featureHashes), emission, transition },
    unspaced,
  };
}

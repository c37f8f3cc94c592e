/**
 * Node-only: one training run of a temporal model on cached features — build inputs per clip
 * (original + augmented copies for training, originals for validation), optional per-person
 * normalisation, standardisation, training, and validation probabilities for every held-out clip.
 */
import type * as tf from '@tensorflow/tfjs';
import { NUM_EMOTIONS } from '../core/labels';
import { frameInputLength, sequenceInput } from '../models/clip/clip-features';
import { spatioTemporalInputs, buildSpatioTemporalNet } from '../models/clip/spatio-temporal';
import { buildTemporalPyramidNet, temporalPyramidInputLength } from '../models/clip/temporal-pyramid';
import { SPEECH_FEATURE_LENGTH } from '../core/audio/speech-features';
import { averageClassifierNets, buildSpeechNet } from '../models/clip/speech-net';
import { modelInputs } from '../models/clip/temporal-model';
import { cachedSpeech, type CachedClip } from './feature-cache';
import type { ModelSpec } from './model-specs';
import { fitStandardizer, foldStandardizer } from './standardize';
import { predictClips, trainNet, type EvalClip, type TrainExample, type TrainResult } from './train-net';
import type { ClipInput, ClipRecord } from '../shared/face-record';

/** Options of one run. */
export interface RunOptions {
  seed: number;
  /** Subtract each actor's mean input (over their original clips; no labels used). */
  personNorm: boolean;
  /** Use the augmented copies for training. */
  augment: boolean;
  /**
   * The same clips sampled at other phases (other caches): extra training copies of the training
   * actors' clips; never validated on, and not used for the standardiser or per-person means.
   */
  extraClips?: readonly CachedClip[];
  /**
   * Actors held out of training and validation both: predicted once training (early-stopped on the
   * validation actors) ends, so their numbers are those of truly unseen actors.
   */
  testActors?: readonly string[];
  epochs?: number;
  log?: (line: string) => void;
}

/** A finished run: the trained network (standardisation folded in when personNorm is off). */
export interface RunOutput {
  net: tf.LayersModel;
  result: TrainResult;
  /** Held-out clips in cache order, their labels and probabilities (uniform when no face). */
  valFiles: string[];
  valLabels: number[];
  valProbs: Float32Array[];
  /** The test actors' clips (RunOptions.testActors), predicted by the final network. */
  test: { files: string[]; labels: number[]; probs: Float32Array[] };
}

function inputDim(spec: ModelSpec): number {
  const { config } = spec;
  if (config.kind === 'speech') return SPEECH_FEATURE_LENGTH;
  return config.kind === 'temporal-pyramid' ? temporalPyramidInputLength(config) : frameInputLength(config.context, config.face);
}

/** What a clip model reads of a cached clip (its original records). */
function clipInput(c: CachedClip, records: ClipRecord[] = c.records): ClipInput {
  return { records, speech: c.meta.speech ? Float32Array.from(c.meta.speech) : null };
}

/** True when `spec` can read `c`: a main track, or speech for the speech model. */
function hasInput(c: CachedClip, spec: ModelSpec): boolean {
  return spec.config.kind === 'speech' ? cachedSpeech(c.meta) !== null : c.records.length > 0;
}

/** Rows whose mean per actor is subtracted under personNorm: pyramid or speech vectors, or every frame. */
function actorRows(c: CachedClip, spec: ModelSpec): Float32Array[] {
  const { config } = spec;
  if (config.kind !== 'spatio-temporal') return modelInputs(clipInput(c), config) ?? [];
  return [sequenceInput(c.records, c.records.map((_, i) => i), config.context, config.face)];
}

function subtractTiled(row: Float32Array, mean: Float32Array | undefined): Float32Array {
  if (!mean) return row;
  const out = new Float32Array(row.length);
  for (let i = 0; i < row.length; i++) out[i] = row[i]! - mean[i % mean.length]!;
  return out;
}

/** Per-actor mean input (personNorm), from the actor's original clips with a face. */
export function actorMeans(clips: readonly CachedClip[], spec: ModelSpec): Map<string, Float32Array> {
  const dim = inputDim(spec);
  const byActor = new Map<string, Float32Array[]>();
  for (const c of clips) {
    if (!hasInput(c, spec)) continue;
    byActor.set(c.meta.actor, [...(byActor.get(c.meta.actor) ?? []), ...actorRows(c, spec)]);
  }
  return new Map([...byActor].map(([actor, rows]) => [actor, fitStandardizer(rows, dim).mean]));
}

/**
 * `members` copies trained with seeds seed, seed + 1, … and averaged into one network; its result
 * is the first copy's with every copy's best epoch and the total time.
 */
async function trainAveraged(trainOne: (seed: number) => Promise<{ net: tf.LayersModel; result: TrainResult }>, seed: number, members: number) {
  const runs = [];
  for (let i = 0; i < members; i++) runs.push(await trainOne(seed + i));
  const net = averageClassifierNets(runs.map((r) => r.net));
  for (const r of runs) r.net.dispose();
  const result: TrainResult = { ...runs[0]!.result, bestEpochs: runs.map((r) => r.result.bestEpoch), seconds: runs.reduce((s, r) => s + r.result.seconds, 0) };
  return { net, result };
}

/** Trains `spec` on clips of actors not in `valActors` and validates on `valActors`. */
export async function runSplit(clips: readonly CachedClip[], spec: ModelSpec, valActors: readonly string[], o: RunOptions): Promise<RunOutput> {
  const { config } = spec;
  const means = o.personNorm ? actorMeans(clips, spec) : new Map<string, Float32Array>();
  const isVal = (c: CachedClip) => valActors.includes(c.meta.actor);
  const isTest = (c: CachedClip) => o.testActors?.includes(c.meta.actor) ?? false;
  const isTrain = (c: CachedClip) => !isVal(c) && !isTest(c) && hasInput(c, spec);
  const trainClips = clips.filter(isTrain);
  const valClips = clips.filter(isVal);
  // The audio has no augmented copies or other phases: the speech model trains on each clip once.
  const speech = config.kind === 'speech';
  const extraTrainClips = speech ? [] : (o.extraClips ?? []).filter(isTrain);

  const train: TrainExample[] = [...trainClips, ...extraTrainClips].flatMap((c) => {
    const mean = means.get(c.meta.actor);
    const copies = [c.records, ...(o.augment && !speech ? c.augmentedRecords : [])];
    return copies.map((records): TrainExample => {
      if (config.kind !== 'spatio-temporal') {
        const row = subtractTiled(modelInputs(clipInput(c, records), config)![0]!, mean);
        return { label: c.meta.label, row: () => row };
      }
      return { label: c.meta.label, row: (rng) => subtractTiled(spatioTemporalInputs(records, config, rng, true)[0]!, mean) };
    });
  });
  const toEval = (c: CachedClip): EvalClip => ({
    label: c.meta.label,
    rows: modelInputs(clipInput(c), config)!.map((r) => subtractTiled(r, means.get(c.meta.actor))),
  });
  const valWithInput = valClips.filter((c) => hasInput(c, spec));
  const val = valWithInput.map(toEval);
  const standardizer = fitStandardizer(trainClips.flatMap((c) => actorRows(c, spec).map((r) => subtractTiled(r, means.get(c.meta.actor)))), inputDim(spec));

  /** One trained network (standardisation folded in) for `seed`. */
  const trainOne = async (seed: number) => {
    const net =
      config.kind === 'speech' ? buildSpeechNet(config, seed)
      : config.kind === 'temporal-pyramid' ? buildTemporalPyramidNet(config, seed)
      : buildSpatioTemporalNet(config, seed);
    const result = await trainNet(net, train, val, { ...spec.train, epochs: o.epochs ?? spec.train.epochs, seed, standardizer, log: o.log });
    foldStandardizer(net, standardizer);
    return { net, result };
  };
  const { net, result } = config.kind === 'speech' && (config.members ?? 1) > 1 ? await trainAveraged(trainOne, o.seed, config.members!) : await trainOne(o.seed);
  const uniform = new Float32Array(NUM_EMOTIONS).fill(1 / NUM_EMOTIONS);
  /** Probabilities of `held` clips (uniform without input: counted wrong unless uniform wins); `evals`: their inputs if already built. */
  const predictHeld = async (held: CachedClip[], evals?: EvalClip[]) => {
    const withInput = held.filter((c) => hasInput(c, spec));
    const probs = await predictClips(net, evals ?? withInput.map(toEval));
    const byFile = new Map(withInput.map((c, i) => [c.meta.file, probs[i]!]));
    return { files: held.map((c) => c.meta.file), labels: held.map((c) => c.meta.label), probs: held.map((c) => byFile.get(c.meta.file) ?? uniform) };
  };
  const valOut = await predictHeld(valClips, val);
  return { net, result, valFiles: valOut.files, valLabels: valOut.labels, valProbs: valOut.probs, test: await predictHeld(clips.filter(isTest)) };
}

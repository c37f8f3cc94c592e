/**
 * Node-only: one training run of a temporal model on cached features — build inputs per clip
 * (original + augmented copies for training, originals for validation), optional per-person
 * normalisation, standardisation, training, and validation probabilities for every held-out clip.
 */
import type * as tf from '@tensorflow/tfjs';
import { NUM_EMOTIONS } from '../core/labels';
import { frameInputLength, sequenceInput, type ClipRecord } from '../models/temporal/clip-features';
import { spatioTemporalInputs, buildSpatioTemporalNet } from '../models/temporal/spatio-temporal';
import { buildTemporalPyramidNet, temporalPyramidInputLength } from '../models/temporal/temporal-pyramid';
import { clipInputs } from '../models/temporal/temporal-model';
import type { CachedClip } from './feature-cache';
import type { ModelSpec } from './model-specs';
import { fitStandardizer, foldStandardizer } from './standardize';
import { predictClips, trainNet, type EvalClip, type TrainExample, type TrainResult } from './train-net';

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
  return spec.config.kind === 'temporal-pyramid' ? temporalPyramidInputLength(spec.config) : frameInputLength(spec.config.context, spec.config.face);
}

/** Rows whose mean per actor is subtracted under personNorm: pyramid vectors, or every frame. */
function actorRows(records: ClipRecord[], spec: ModelSpec): Float32Array[] {
  if (spec.config.kind === 'temporal-pyramid') return clipInputs(records, spec.config);
  return [sequenceInput(records, records.map((_, i) => i), spec.config.context, spec.config.face)];
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
    if (c.records.length === 0) continue;
    byActor.set(c.meta.actor, [...(byActor.get(c.meta.actor) ?? []), ...actorRows(c.records, spec)]);
  }
  return new Map([...byActor].map(([actor, rows]) => [actor, fitStandardizer(rows, dim).mean]));
}

/** Trains `spec` on clips of actors not in `valActors` and validates on `valActors`. */
export async function runSplit(clips: readonly CachedClip[], spec: ModelSpec, valActors: readonly string[], o: RunOptions): Promise<RunOutput> {
  const { config } = spec;
  const means = o.personNorm ? actorMeans(clips, spec) : new Map<string, Float32Array>();
  const isVal = (c: CachedClip) => valActors.includes(c.meta.actor);
  const isTest = (c: CachedClip) => o.testActors?.includes(c.meta.actor) ?? false;
  const isTrain = (c: CachedClip) => !isVal(c) && !isTest(c) && c.records.length > 0;
  const trainClips = clips.filter(isTrain);
  const valClips = clips.filter(isVal);
  const extraTrainClips = (o.extraClips ?? []).filter(isTrain);

  const train: TrainExample[] = [...trainClips, ...extraTrainClips].flatMap((c) => {
    const mean = means.get(c.meta.actor);
    const copies = [c.records, ...(o.augment ? c.augmentedRecords : [])];
    return copies.map((records): TrainExample => {
      if (config.kind === 'temporal-pyramid') {
        const row = subtractTiled(clipInputs(records, config)[0]!, mean);
        return { label: c.meta.label, row: () => row };
      }
      return { label: c.meta.label, row: (rng) => subtractTiled(spatioTemporalInputs(records, config, rng, true)[0]!, mean) };
    });
  });
  const toEval = (c: CachedClip): EvalClip => ({
    label: c.meta.label,
    rows: clipInputs(c.records, config).map((r) => subtractTiled(r, means.get(c.meta.actor))),
  });
  const valWithFace = valClips.filter((c) => c.records.length > 0);
  const val = valWithFace.map(toEval);
  const standardizer = fitStandardizer(trainClips.flatMap((c) => actorRows(c.records, spec).map((r) => subtractTiled(r, means.get(c.meta.actor)))), inputDim(spec));

  const net = config.kind === 'temporal-pyramid' ? buildTemporalPyramidNet(config, o.seed) : buildSpatioTemporalNet(config, o.seed);
  const result = await trainNet(net, train, val, { ...spec.train, epochs: o.epochs ?? spec.train.epochs, seed: o.seed, standardizer, log: o.log });
  foldStandardizer(net, standardizer);
  const uniform = new Float32Array(NUM_EMOTIONS).fill(1 / NUM_EMOTIONS);
  /** Probabilities of `held` clips (uniform when no face: counted wrong unless uniform wins); `evals`: their inputs if already built. */
  const predictHeld = async (held: CachedClip[], evals?: EvalClip[]) => {
    const withFace = held.filter((c) => c.records.length > 0);
    const probs = await predictClips(net, evals ?? withFace.map(toEval));
    const byFile = new Map(withFace.map((c, i) => [c.meta.file, probs[i]!]));
    return { files: held.map((c) => c.meta.file), labels: held.map((c) => c.meta.label), probs: held.map((c) => byFile.get(c.meta.file) ?? uniform) };
  };
  const valOut = await predictHeld(valClips, val);
  return { net, result, valFiles: valOut.files, valLabels: valOut.labels, valProbs: valOut.probs, test: await predictHeld(clips.filter(isTest)) };
}

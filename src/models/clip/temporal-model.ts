/**
 * A trained temporal model behind the emolens model interface (`load` / `run` / `dispose`): reads
 * `<dir>/model.json` + `weights.bin` through a WeightSource, turns a main-track record list into
 * network input rows, and returns the 7 probabilities (averaged over rows: the §6.4 samplings).
 * The input standardisation used in training is folded into the first layer, so inputs are raw.
 */
import * as tf from '@tensorflow/tfjs';
import { NUM_EMOTIONS } from '../../core/labels';
import { normaliseRow, personStats } from '../../core/calibration/person-normaliser';
import { createRng } from '../../core/random';
import { SPEECH_FEATURE_LENGTH } from '../../core/audio/speech-features';
import type { SpeechConfig } from './speech-net';
import type { WeightSource } from '../weight-source';
import { BaseModel } from '../base-model';
import type { ClipModelName } from '../model';
import { checkRecords } from './clip-features';
import type { ClipInput, ClipRecord } from '../../shared/face-record';
import type { JointFusionConfig } from './joint-fusion';
import { spatioTemporalInputs, type SpatioTemporalConfig } from './spatio-temporal';
import { temporalPyramidInputs, type TemporalPyramidConfig } from './temporal-pyramid';

/** A model that classifies one clip: the paper's temporal models, and the speech model. */
export type ClipModelConfig = TemporalPyramidConfig | SpatioTemporalConfig | SpeechConfig;

/** The architecture/input description stored in model.json (`userDefinedMetadata.config`). */
export type TemporalNetConfig = ClipModelConfig | JointFusionConfig;

/** Seed of the evaluation samplings, so a clip always gets the same prediction. */
export const EVALUATION_SEED = 2021;

/** Network input rows of `clip` for any clip model; null when it lacks the input (no speech). */
export function modelInputs(clip: ClipInput, config: ClipModelConfig): Float32Array[] | null {
  if (config.kind !== 'speech') return clipInputs(clip.records, config);
  if (!clip.speech) return null;
  if (clip.speech.length !== SPEECH_FEATURE_LENGTH) throw new TypeError(`speech features: expected ${SPEECH_FEATURE_LENGTH} values, got ${clip.speech.length}`);
  return [clip.speech];
}

/** Network input rows for one clip under a visual `config`. */
export function clipInputs(records: readonly ClipRecord[], config: TemporalPyramidConfig | SpatioTemporalConfig): Float32Array[] {
  return config.kind === 'temporal-pyramid'
    ? temporalPyramidInputs(records, config)
    : spatioTemporalInputs(records, config, createRng(EVALUATION_SEED));
}

/** Loads a layers model (`model.json` + its weight files) from `dir` of a weight source. */
export async function loadTemporalNet(source: WeightSource, dir: string): Promise<{ net: tf.LayersModel; config: TemporalNetConfig }> {
  const root = dir.endsWith('/') ? dir : `${dir}/`;
  const json = JSON.parse(new TextDecoder().decode(await source.readBytes(`${root}model.json`))) as tf.io.ModelJSON;
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const buffers = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => source.readBytes(root + p)));
  const weightData = tf.io.concatenateArrayBuffers(buffers);
  const net = await tf.loadLayersModel({
    load: async () => ({ modelTopology: json.modelTopology, weightSpecs: specs, weightData, format: json.format, userDefinedMetadata: json.userDefinedMetadata }),
  });
  const config = (json.userDefinedMetadata as { config?: TemporalNetConfig } | undefined)?.config;
  if (!config) throw new Error(`${root}model.json has no userDefinedMetadata.config`);
  return { net, config };
}

/**
 * Runs `net` on every row of every clip as one batch and returns, per clip, the mean of its softmax
 * rows (the §6.4 average over samplings). Reads asynchronously; no tensor outlives the call.
 */
export async function predictClipsMean(net: tf.LayersModel, clips: readonly { rows: readonly Float32Array[] }[]): Promise<Float32Array[]> {
  const shape = net.inputs[0]!.shape.slice(1) as number[];
  const width = shape.reduce((a, b) => a * b, 1);
  const rows = clips.flatMap((c) => c.rows);
  if (rows.length === 0) return clips.map(() => new Float32Array(NUM_EMOTIONS));
  const flat = new Float32Array(rows.length * width);
  rows.forEach((r, i) => {
    if (r.length !== width) throw new TypeError(`input row ${i}: expected ${width} values, got ${r.length}`);
    flat.set(r, i * width);
  });
  const out = tf.tidy(() => net.predict(tf.tensor(flat, [rows.length, ...shape])) as tf.Tensor);
  let data: Float32Array;
  try {
    data = (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
  let at = 0;
  return clips.map((c) => {
    const mean = new Float32Array(NUM_EMOTIONS);
    for (let r = 0; r < c.rows.length; r++, at++) {
      for (let k = 0; k < NUM_EMOTIONS; k++) mean[k]! += data[at * NUM_EMOTIONS + k]! / c.rows.length;
    }
    return mean;
  });
}

/** The mean softmax output of `net` over `rows` (one clip). */
export async function predictMean(net: tf.LayersModel, rows: readonly Float32Array[]): Promise<Float32Array> {
  return (await predictClipsMean(net, [{ rows }]))[0]!;
}

/** Per-call settings of a clip model. */
export interface ClipRunConfig {
  /** Clips of the same person: a person-calibrated model answers only with them. */
  reference: readonly ClipInput[];
}

/**
 * A trained clip model (Temporal-Pyramid, Spatio-Temporal, or the speech model) behind the same
 * lifecycle as the perception networks (BaseModel: load once, dispose during a load, named errors).
 */
export class TemporalModel extends BaseModel<ClipInput, Float32Array | null, ClipRunConfig> {
  #net: tf.LayersModel | undefined;
  #config: ClipModelConfig | undefined;

  /** `dir` is relative to the source root (e.g. `tp-face-l0-3`). */
  constructor(
    readonly name: ClipModelName,
    source: WeightSource,
    private readonly dir: string = name,
  ) {
    super(source);
  }

  /** The architecture read from model.json (undefined until loaded). */
  get config(): ClipModelConfig | undefined {
    return this.#config;
  }

  /** True when the model reads a person reference (its inputs are centred on the person's mean, and scaled by their spread when `personScale` is set). */
  get calibrated(): boolean {
    return this.#config !== undefined && 'calibration' in this.#config && this.#config.calibration === 'person';
  }

  protected async loadWeights(): Promise<void> {
    const { net, config } = await loadTemporalNet(this.source, this.dir);
    if (config.kind === 'joint-fusion') {
      net.dispose();
      throw new TypeError(`${this.dir}: a joint-fusion layer is not a clip model`);
    }
    this.#net = net;
    this.#config = config;
  }

  protected freeWeights(): void {
    this.#net?.dispose();
    this.#net = undefined;
    this.#config = undefined;
  }

  /**
   * 7 probabilities (paper order) for one clip; null when the clip lacks this model's input (speech),
   * or when the model is calibrated and no `reference` clip of the person has that input.
   */
  async run(clip: ClipInput, options?: Partial<ClipRunConfig>): Promise<Float32Array | null> {
    this.assertLoaded();
    const net = this.#net!;
    const config = this.#config!;
    if (config.kind !== 'speech') checkRecords(clip.records, config.face, config.kind === 'temporal-pyramid' && config.geometry === true);
    let rows = modelInputs(clip, config);
    if (!rows) return null;
    if (this.calibrated) {
      const own = (options?.reference ?? []).flatMap((r) => (config.kind === 'speech' || r.records.length > 0 ? (modelInputs(r, config) ?? []) : []));
      if (own.length === 0) return null;
      const stats = personStats(own, 'personScale' in config ? config.personScale : undefined);
      rows = rows.map((row) => Float32Array.from(normaliseRow(row, stats)));
    }
    const probs = await predictMean(net, rows);
    if (probs.length !== NUM_EMOTIONS) throw new Error(`${this.name}: expected ${NUM_EMOTIONS} outputs`);
    return probs;
  }
}

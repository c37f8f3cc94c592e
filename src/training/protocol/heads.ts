/**
 * The clip heads the nested protocol trains: each is a vector per clip (a temporal pyramid of the
 * main track, or the clip's speech features) and a logistic regression over it. The paper's
 * Temporal-Pyramid models (§4.2) are heads over eq. 28's vector; `tp-*-lr` are the segment means
 * alone (levels 0–3), the strong baseline; `speech` is the clip's speech features. Each head also has
 * a person-calibrated variant (`…-cal`): every clip's vector minus the mean vector of that person's
 * clips (and, when the inner loop prefers it, divided by that person's spread), so the head reads how
 * this clip differs from the person's usual face and voice.
 */
import type { TemporalPyramidConfig } from '../../models/clip/temporal-pyramid';
import type { FaceSource } from '../../models/clip/clip-features';
import { pyramidInput } from '../../models/clip/clip-features';
import { normaliseRow, PERSON_SCALE_PRIOR, personStats, pooledWithinSpread, type PersonScale } from '../../core/calibration/person-normaliser';
import { cachedSpeech, type CachedClip } from '../feature-cache';
import { CALIBRATED_MODEL_SUFFIX, SPEECH_MODEL } from '../../shared/prediction-keys';

/** Input of a head: which vector it reads (its model.json config, less the trained layer). */
export type HeadInput = Omit<TemporalPyramidConfig, 'hidden' | 'dropout' | 'l2'> | { readonly kind: 'speech' };

/** A head the protocol can train. */
export interface HeadSpec {
  name: string;
  input: HeadInput;
  /** Centre each clip on its person's mean vector. */
  calibrated: boolean;
}

function tp(name: string, levels: number[], context: boolean, face: FaceSource, probs = true): HeadSpec {
  return { name, input: { kind: 'temporal-pyramid', levels, context, face, ...(probs ? {} : { probs: false }) }, calibrated: false };
}

const L03 = [0, 1, 2, 3];

/** A segment-mean pyramid (levels 0–3) of `face`'s features with the face's expression geometry appended (`none`: the geometry alone). */
function geometry(name: string, face: FaceSource): HeadSpec {
  return { name, input: { kind: 'temporal-pyramid', levels: L03, context: false, face, probs: false, geometry: true }, calibrated: false };
}

/**
 * Heads with a person-calibrated variant: those the calibrated answer's candidates read
 * (recipes.ts CANDIDATE_POOL and the speech head) that have a usual state to centre on — a
 * person's face and voice do, the scene around them does not.
 */
export const CALIBRATED_HEADS: ReadonlySet<string> = new Set(['tp-face-lr', 'tp-fer-lr', 'tp-geo-lr', 'speech']);

/** Every head uncalibrated, then the calibrated variants of CALIBRATED_HEADS. */
export function headSpecs(): HeadSpec[] {
  const alone: HeadSpec[] = [
    tp('tp-face-lr', L03, false, 'face-api', false),
    tp('tp-fer-lr', L03, false, 'fer', false),
    tp('tp-both-lr', L03, false, 'both', false),
    geometry('tp-geo-lr', 'none'),
    geometry('tp-face-geo-lr', 'face-api'),
    geometry('tp-both-geo-lr', 'both'),
    tp('tp-face-l3', [3], false, 'face-api'),
    tp('tp-face-l4', [4], false, 'face-api'),
    tp('tp-face-l0-3', L03, false, 'face-api'),
    tp('tp-ctx-l3', [3], true, 'face-api'),
    tp('tp-ctx-l4', [4], true, 'face-api'),
    tp('tp-ctx-l0-3', L03, true, 'face-api'),
    tp('tp-fer-l3', [3], false, 'fer'),
    tp('tp-fer-l4', [4], false, 'fer'),
    tp('tp-fer-l0-3', L03, false, 'fer'),
    tp('tp-fer-ctx-l3', [3], true, 'fer'),
    tp('tp-fer-ctx-l0-3', L03, true, 'fer'),
    tp('tp-both-l3', [3], false, 'both'),
    tp('tp-both-l0-3', L03, false, 'both'),
    tp('tp-both-ctx-l3', [3], true, 'both'),
    tp('tp-both-ctx-l0-3', L03, true, 'both'),
    { name: SPEECH_MODEL, input: { kind: 'speech' }, calibrated: false },
  ];
  return [...alone, ...alone.filter((h) => CALIBRATED_HEADS.has(h.name)).map((h) => ({ ...h, name: h.name + CALIBRATED_MODEL_SUFFIX, calibrated: true }))];
}

/** True for the heads that read the faces (everything but speech). */
export function isVisual(head: HeadSpec): boolean {
  return head.input.kind !== 'speech';
}

/** A clip's raw vector for `input`; null when the clip lacks it (no face, no speech). */
export function clipVector(clip: Pick<CachedClip, 'records' | 'meta'>, input: HeadInput): Float64Array | null {
  if (input.kind === 'speech') {
    const speech = cachedSpeech(clip.meta); // throws for a cache holding an older version of the features
    return speech && Float64Array.from(speech);
  }
  if (clip.records.length === 0) return null;
  return Float64Array.from(pyramidInput(clip.records, input));
}

/**
 * Suffix of a calibrated head's scaled variant: centred and divided by the person's spread
 * (person-normaliser.ts). Whether a head is scaled is chosen like its L2 strength, by the inner loop.
 */
export const SCALED_SUFFIX = '/scaled';

/** Clip indices per person. */
function byPerson(personOf: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  personOf.forEach((p, i) => groups.set(p, [...(groups.get(p) ?? []), i]));
  return groups;
}

/** The within-person spread of `vectors` over everyone's clips (no labels): what a scaled head ships. */
export function personScaleOf(vectors: readonly (Float64Array | null)[], personOf: readonly string[]): PersonScale {
  const people = [...byPerson(personOf).values()].map((idx) => idx.flatMap((i) => (vectors[i] ? [vectors[i]!] : [])));
  return { pooled: pooledWithinSpread(people), prior: PERSON_SCALE_PRIOR };
}

/** `vectors` calibrated on each person's own vectors (`personOf[i]` names clip i's person); scaled with `scale`. */
export function calibrateOnPerson(vectors: readonly (Float64Array | null)[], personOf: readonly string[], scale?: PersonScale): (Float64Array | null)[] {
  const out: (Float64Array | null)[] = vectors.map(() => null);
  for (const idx of byPerson(personOf).values()) {
    const own = idx.flatMap((i) => (vectors[i] ? [vectors[i]!] : []));
    if (own.length === 0) continue;
    const stats = personStats(own, scale);
    for (const i of idx) if (vectors[i]) out[i] = normaliseRow(vectors[i]!, stats);
  }
  return out;
}

/** Every head variant's vector per clip, and the spread each scaled variant was made with (and ships). */
export interface HeadVectors {
  vectors: Map<string, (Float64Array | null)[]>;
  personScales: Map<string, PersonScale>;
}

/**
 * Each head variant's vector per clip (calibrated variants normalised on the clip's actor; no label
 * is read). `scales`: the spreads the scaled variants use (default: measured on these clips; the
 * transfer check gives other footage the spreads measured on ours, as the shipped heads carry them).
 */
export function headVectors(clips: readonly CachedClip[], heads: readonly HeadSpec[], scales?: ReadonlyMap<string, PersonScale>): HeadVectors {
  const raw = new Map<string, (Float64Array | null)[]>();
  const vectors = new Map<string, (Float64Array | null)[]>();
  const personScales = new Map<string, PersonScale>();
  const actors = clips.map((c) => c.meta.actor);
  for (const head of heads) {
    const key = JSON.stringify(head.input);
    if (!raw.has(key)) raw.set(key, clips.map((c) => clipVector(c, head.input)));
    const own = raw.get(key)!;
    if (!head.calibrated) vectors.set(head.name, own);
    else {
      const scale = scales?.get(head.name + SCALED_SUFFIX) ?? personScaleOf(own, actors);
      vectors.set(head.name, calibrateOnPerson(own, actors));
      vectors.set(head.name + SCALED_SUFFIX, calibrateOnPerson(own, actors, scale));
      personScales.set(head.name + SCALED_SUFFIX, scale);
    }
  }
  return { vectors, personScales };
}

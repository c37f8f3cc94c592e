/**
 * The clip heads the nested protocol trains: each is a vector per clip (a temporal pyramid of the
 * main track, or the clip's speech features) and a logistic regression over it. The paper's
 * Temporal-Pyramid models (§4.2) are heads over eq. 28's vector; `tp-*-lr` are the segment means
 * alone (levels 0–3), the strong baseline; `speech` is the clip's speech features. Each head also has
 * a person-calibrated variant (`…-cal`): every clip's vector minus the mean vector of that person's
 * clips, so the head reads how this clip differs from the person's usual face and voice.
 */
import type { TemporalPyramidConfig } from '../../models/clip/temporal-pyramid';
import type { FaceSource } from '../../models/clip/clip-features';
import { pyramidInput } from '../../models/clip/clip-features';
import { meanVector } from '../../core/vector';
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

/**
 * Heads with a person-calibrated variant: the face-feature pyramids without context (a person's
 * face and voice have a usual state to centre on; the scene around them does not) and speech.
 * Fewer variants also keep the protocol's run time within its budget.
 */
export const CALIBRATED_HEADS: ReadonlySet<string> = new Set(['tp-face-lr', 'tp-fer-lr', 'tp-both-lr', 'tp-face-l0-3', 'tp-fer-l0-3', 'tp-both-l0-3', 'speech']);

/** Every head uncalibrated, then the calibrated variants of CALIBRATED_HEADS. */
export function headSpecs(): HeadSpec[] {
  const alone: HeadSpec[] = [
    tp('tp-face-lr', L03, false, 'face-api', false),
    tp('tp-fer-lr', L03, false, 'fer', false),
    tp('tp-both-lr', L03, false, 'both', false),
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
  return Float64Array.from(pyramidInput(clip.records, input.levels, input.context, input.face, input.probs));
}

/** The mean of the non-null vectors (null when there is none). */
export function meanOf(vectors: readonly (Float64Array | null)[]): Float64Array | null {
  const present = vectors.filter((v): v is Float64Array => v !== null);
  return present.length === 0 ? null : meanVector(present);
}

/** `vectors` centred on the mean of each person's own vectors (`personOf[i]` names clip i's person). */
export function centreOnPerson(vectors: readonly (Float64Array | null)[], personOf: readonly string[]): (Float64Array | null)[] {
  const means = new Map<string, Float64Array | null>();
  for (const p of new Set(personOf)) means.set(p, meanOf(vectors.filter((_, i) => personOf[i] === p)));
  return vectors.map((v, i) => (v ? v.map((x, j) => x - means.get(personOf[i]!)![j]!) : null));
}

/** Each head's vector per clip (calibrated heads centred on the clip's actor; no label is read). */
export function headVectors(clips: readonly CachedClip[], heads: readonly HeadSpec[]): Map<string, (Float64Array | null)[]> {
  const raw = new Map<string, (Float64Array | null)[]>();
  const out = new Map<string, (Float64Array | null)[]>();
  const actors = clips.map((c) => c.meta.actor);
  for (const head of heads) {
    const key = JSON.stringify(head.input);
    if (!raw.has(key)) raw.set(key, clips.map((c) => clipVector(c, head.input)));
    out.set(head.name, head.calibrated ? centreOnPerson(raw.get(key)!, actors) : raw.get(key)!);
  }
  return out;
}

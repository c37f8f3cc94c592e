/**
 * A fused output as data: what ensemble.json stores and what both the training protocol and the app
 * apply, so the ensemble that was measured is the ensemble that runs. Kinds: one model as it is;
 * the average of members (§5 average fusion and Best Selection); joint late fusion (§5: a softmax
 * layer over the members' log-probabilities side by side); and the audio-visual mix (not in the
 * paper: w × speech + (1 − w) × a visual fusion).
 */
import { audioVisualProbabilities } from './audio-visual';
import { jointFusionForward, type DenseLayer } from './joint-fusion-data';

export type FusionSpec =
  | { readonly kind: 'single'; readonly member: string }
  | { readonly kind: 'average'; readonly members: readonly string[] }
  | ({ readonly kind: 'jointFusion'; readonly members: readonly string[] } & DenseLayer)
  | { readonly kind: 'audioVisual'; readonly visual: FusionSpec; readonly speech: string; readonly speechWeight: number };

/** Added to each probability before the log of joint fusion's input. */
export const JOINT_FUSION_EPSILON = 1e-6;

/** The model names a fusion reads. */
export function fusionMembers(spec: FusionSpec): string[] {
  switch (spec.kind) {
    case 'single':
      return [spec.member];
    case 'audioVisual':
      return [...fusionMembers(spec.visual), spec.speech];
    default:
      return [...spec.members];
  }
}

/** The joint-fusion input of one clip: log(p + ε) of each member, side by side. */
export function jointFusionInput(members: readonly string[], probs: Readonly<Record<string, ArrayLike<number>>>): number[] {
  return members.flatMap((m) => Array.from(probs[m]!, (p) => Math.log(p + JOINT_FUSION_EPSILON)));
}

/**
 * The fused probabilities of one clip, or null when a visual member has no output. A clip without
 * speech gets the audio-visual fusion's visual part alone.
 */
export function applyFusion(spec: FusionSpec, probs: Readonly<Record<string, ArrayLike<number> | undefined>>): number[] | null {
  const has = (m: string) => probs[m] !== undefined;
  const p = probs as Readonly<Record<string, ArrayLike<number>>>;
  switch (spec.kind) {
    case 'single':
      return has(spec.member) ? Array.from(p[spec.member]!) : null;
    case 'average': {
      if (!spec.members.every(has)) return null;
      const out = Array.from(p[spec.members[0]!]!, () => 0);
      for (const m of spec.members) Array.from(p[m]!).forEach((v, c) => (out[c]! += v / spec.members.length));
      return out;
    }
    case 'jointFusion':
      return spec.members.every(has) ? jointFusionForward(jointFusionInput(spec.members, p), spec) : null;
    case 'audioVisual': {
      const visual = applyFusion(spec.visual, probs);
      if (!visual || !has(spec.speech)) return visual;
      return audioVisualProbabilities([visual], [Array.from(p[spec.speech]!)], spec.speechWeight)[0]!;
    }
  }
}

/** Throws a TypeError unless `v` is a well-formed fusion over `models` (ensemble.json checks). */
export function checkFusionSpec(v: unknown, models: readonly string[], where: string): FusionSpec {
  const s = v as FusionSpec;
  const named = (m: unknown) => typeof m === 'string' && models.includes(m);
  const ok =
    (s?.kind === 'single' && named(s.member)) ||
    (s?.kind === 'average' && Array.isArray(s.members) && s.members.length > 0 && s.members.every(named)) ||
    (s?.kind === 'jointFusion' && Array.isArray(s.members) && s.members.every(named) && Array.isArray(s.kernel) && s.kernel.length === 7 * s.members.length && Array.isArray(s.bias)) ||
    (s?.kind === 'audioVisual' && named(s.speech) && s.speechWeight >= 0 && s.speechWeight <= 1 && checkFusionSpec(s.visual, models, `${where}.visual`) !== undefined);
  if (!ok) throw new TypeError(`${where}: not a fusion over the loaded models (single, average, jointFusion or audioVisual)`);
  return s;
}

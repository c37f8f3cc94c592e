/**
 * The nested protocol on synthetic clips with known answers: 4 actors, 3 classes, a class signal
 * plus a large per-actor offset (what person calibration removes).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random';
import { calibrateOnPerson, personScaleOf } from './heads';
import { CrossFitter, type ProtocolClip } from './cross-fit';
import { headProbsOutside, outerFold, recipeProbs, selectOn } from './nested';
import { average, bestSelectionOf, single } from './recipes';
import { protocolPlan } from './run';
import { headSpecs } from './heads';

/** `columnGains`: each actor also scales every column by its own factor (0.2–5, like a microphone's response), which centring alone leaves in. */
function synthetic(seed: number, columnGains = false) {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const d = 12;
  const classMeans = [0, 1, 2].map(() => Array.from({ length: d }, () => 0.8 * gauss()));
  const clips: ProtocolClip[] = [];
  const raw: Float64Array[] = [];
  for (const actor of ['01', '02', '03', '04']) {
    const offset = Array.from({ length: d }, () => 3 * gauss());
    const gain = Array.from({ length: d }, () => (columnGains ? Math.exp(Math.log(5) * (2 * rng.next() - 1)) : 1));
    for (let k = 0; k < 12; k++) {
      const label = [0, 3, 6][k % 3]!;
      clips.push({ file: `${actor}-${k}.mp4`, actor, label });
      raw.push(Float64Array.from({ length: d }, (_, j) => gain[j]! * (classMeans[k % 3]![j]! + 0.5 * gauss()) + offset[j]!));
    }
  }
  return { clips, raw };
}

const accuracy = (probs: number[][], labels: number[]) => probs.filter((p, i) => p.indexOf(Math.max(...p)) === labels[i]).length / probs.length;

describe('nested leave-one-actor-out', () => {
  it('centring on the person removes an actor offset the uncalibrated head cannot', () => {
    const { clips, raw } = synthetic(3);
    const vectors = new Map([
      ['alone', raw],
      ['cal', calibrateOnPerson(raw, clips.map((c) => c.actor))],
    ]);
    const fitter = new CrossFitter(clips, vectors);
    const recipes = [single('alone'), single('cal'), average('average', ['alone', 'cal']), bestSelectionOf('best', ['alone', 'cal'])];
    const folds = ['01', '02', '03', '04'].map((a) => outerFold(fitter, ['alone', 'cal'], recipes, a, { any: recipes.map((r) => r.name) }));
    const labelsOf = (f: (typeof folds)[number]) => f.clips.map((i) => clips[i]!.label);
    const pooled = (name: string) => accuracy(folds.flatMap((f) => f.probs.get(name)!), folds.flatMap(labelsOf));
    expect(pooled('cal')).toBeGreaterThan(0.9);
    expect(pooled('cal')).toBeGreaterThan(pooled('alone') + 0.2);
    // The answer chosen in the inner folds is the calibrated head or a mix with it.
    expect(folds.every((f) => f.answers[0]!.recipe !== 'alone')).toBe(true);
  });

  it('chooses the scaled variant of a calibrated head when actors differ in spread as well as offset', () => {
    const { clips, raw } = synthetic(11, true);
    const actors = clips.map((c) => c.actor);
    const vectors = new Map([
      ['cal', calibrateOnPerson(raw, actors)],
      ['cal/scaled', calibrateOnPerson(raw, actors, personScaleOf(raw, actors))],
    ]);
    const fitter = new CrossFitter(clips, vectors);
    const folds = ['01', '02', '03', '04'].map((a) => outerFold(fitter, ['cal'], [single('cal')], a, { any: ['cal'] }));
    expect(folds.filter((f) => f.selection.choice.get('cal')!.variant === 'cal/scaled').length).toBeGreaterThanOrEqual(3);
    const labels = folds.flatMap((f) => f.clips.map((i) => clips[i]!.label));
    expect(accuracy(folds.flatMap((f) => f.probs.get('cal')!), labels)).toBeGreaterThan(0.85);
  });

  it("never reads the held-out actor's labels: shuffling them changes nothing the fold predicts", () => {
    const { clips, raw } = synthetic(5);
    const shuffled = clips.map((c) => (c.actor === '02' ? { ...c, label: [0, 3, 6][(c.label / 3 + 1) % 3]! } : c));
    const run = (cs: ProtocolClip[]) => {
      const fitter = new CrossFitter(cs, new Map([['h', raw]]));
      const recipes = [single('h')];
      return outerFold(fitter, ['h'], recipes, '02', { any: ['h'] });
    };
    const a = run(clips);
    const b = run(shuffled);
    expect(b.probs.get('h')).toEqual(a.probs.get('h'));
    expect(b.answers[0]!.temperature).toBe(a.answers[0]!.temperature);
    expect(b.selection.choice).toEqual(a.selection.choice);
    // …while shuffling an inner actor's labels does change what is learned.
    const inner = clips.map((c) => (c.actor === '03' ? { ...c, label: [0, 3, 6][(c.label / 3 + 1) % 3]! } : c));
    expect(run(inner).probs.get('h')).not.toEqual(a.probs.get('h'));
  });

  it('scores each recipe by leave-one-actor-out over the inner actors only', () => {
    const { clips, raw } = synthetic(7);
    const fitter = new CrossFitter(clips, new Map([['h', raw]]));
    const sel = selectOn(fitter, ['h'], [single('h')], ['01', '02', '03']);
    expect(sel.clips).toHaveLength(36);
    expect(sel.oof.get('h')).toHaveLength(36);
    // A single head's recipe score is its out-of-fold accuracy, well above chance on this signal.
    const labels = sel.clips.map((i) => clips[i]!.label);
    expect(sel.scores.get('h')).toBe(accuracy(sel.oof.get('h')!, labels));
    expect(sel.scores.get('h')).toBeGreaterThan(1 / 3);
  });

  it("chooses the answer among the fixed candidates, with `general` given as a member, and never from the held-out actor's labels", () => {
    const { clips, raw } = synthetic(9);
    const actors = clips.map((c) => c.actor);
    const voice = synthetic(10).raw;
    // `general`: an untrained network's probabilities, right more often than not (given, never fitted).
    const rng = createRng(4);
    const general = clips.map((c) => Array.from({ length: 7 }, (_, k) => (k === c.label && rng.next() < 0.6 ? 3 : 1) + rng.next()).map((v, _, a) => v / a.reduce((x, y) => x + y, 0)));
    const plan = protocolPlan(headSpecs().filter((h) => ['tp-face-lr', 'tp-face-lr-cal', 'speech'].includes(h.name)), ['general']);
    expect(plan.answerPools).toEqual({
      alone: ['tp-face-lr', 'general', 'average', 'audioVisual', 'bestSelectionAudioVisual'],
      calibrated: ['tp-face-lr-cal', 'general', 'averageCal', 'audioVisualCal', 'bestSelectionAudioVisualCal'],
    });
    const vectors = new Map([
      ['tp-face-lr', raw],
      ['tp-face-lr-cal', calibrateOnPerson(raw, actors)],
      ['speech', voice],
    ]);
    const run = (cs: ProtocolClip[]) => outerFold(new CrossFitter(cs, vectors, undefined, new Map([['general', general]])), plan.heads.map((h) => h.name), plan.recipes, '02', plan.answerPools);
    const fold = run(clips);
    expect(fold.probs.get('general')).toEqual(fold.clips.map((i) => general[i]));
    for (const a of fold.answers) expect(plan.answerPools[a.key as 'alone' | 'calibrated']).toContain(a.recipe);
    // The held-out actor's labels shuffled: every choice, probability and temperature stays the same.
    const shuffled = run(clips.map((c) => (c.actor === '02' ? { ...c, label: [0, 3, 6][(c.label / 3 + 1) % 3]! } : c)));
    expect(shuffled.answers).toEqual(fold.answers);
    expect(shuffled.probs).toEqual(fold.probs);
    expect(shuffled.selection.scores).toEqual(fold.selection.scores);
  });

  it('plans speech alone (no visual head) as the speech heads, with nothing to fuse', () => {
    const plan = protocolPlan(headSpecs().filter((h) => h.input.kind === 'speech'));
    expect(plan.recipes.map((r) => r.name)).toEqual(['speech', 'speech-cal']);
    expect(plan.answerPools).toEqual({ alone: ['speech'], calibrated: ['speech', 'speech-cal'] });
  });

  it('scores clips of other footage added after ours without moving ours: never fitted, ours\' column statistics', () => {
    const { clips, raw } = synthetic(5);
    const recipes = [single('alone'), average('average', ['alone'])];
    const pools = { any: recipes.map((r) => r.name) };
    const plain = new CrossFitter(clips, new Map([['alone', raw]]));
    // Actor 02's clips again, shifted far off in two columns (other footage of that person), under a name of their own.
    const copies = clips.flatMap((c, i) => (c.actor === '02' ? [i] : []));
    const other = copies.map((i) => Float64Array.from(raw[i]!, (v, j) => (j < 2 ? v + 40 : v)));
    const extended = new CrossFitter([...clips, ...copies.map((i) => ({ ...clips[i]!, actor: '02@other' }))], new Map([['alone', [...raw, ...other]]]), undefined, new Map(), clips.length);
    const actors = ['01', '02', '03', '04'];
    for (const actor of actors) {
      const [a, b] = [outerFold(plain, ['alone'], recipes, actor, pools), outerFold(extended, ['alone'], recipes, actor, pools, actors)];
      expect(b.clips).toEqual(a.clips);
      expect(b.answers.map((x) => x.recipe)).toEqual(a.answers.map((x) => x.recipe));
      b.probs.get('alone')!.forEach((p, k) => p.forEach((v, j) => expect(v).toBeCloseTo(a.probs.get('alone')![k]![j]!, 9)));
    }
    // Held out, 02's other footage is scored by the heads fitted on 01, 03 and 04: unshifted copies would score as the originals.
    const fold = outerFold(extended, ['alone'], recipes, '02', pools, actors);
    const extra = copies.map((_, k) => clips.length + k);
    const scored = recipeProbs(recipes, fold.selection, [...clips, ...copies.map((i) => clips[i]!)].map((c) => c.label), headProbsOutside(extended, ['alone'], fold.selection, extra));
    expect(scored.get('average')).toHaveLength(copies.length);
    expect(fold.selection.actors).toEqual(['01', '03', '04']);
    // Counted among the actors, the copies would be fitted in other folds (ours then moves).
    expect(outerFold(extended, ['alone'], recipes, '01', pools).selection.actors).toContain('02@other');
  });
});

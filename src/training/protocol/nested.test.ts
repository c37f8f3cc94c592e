/**
 * The nested protocol on synthetic clips with known answers: 4 actors, 3 classes, a class signal
 * plus a large per-actor offset (what person calibration removes).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random';
import { centreOnPerson } from './heads';
import { CrossFitter, type ProtocolClip } from './cross-fit';
import { outerFold, selectOn } from './nested';
import { average, bestSelectionOf, single } from './recipes';

function synthetic(seed: number) {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const d = 12;
  const classMeans = [0, 1, 2].map(() => Array.from({ length: d }, () => 0.8 * gauss()));
  const clips: ProtocolClip[] = [];
  const raw: Float64Array[] = [];
  for (const actor of ['01', '02', '03', '04']) {
    const offset = Array.from({ length: d }, () => 3 * gauss());
    for (let k = 0; k < 12; k++) {
      const label = [0, 3, 6][k % 3]!;
      clips.push({ file: `${actor}-${k}.mp4`, actor, label });
      raw.push(Float64Array.from({ length: d }, (_, j) => classMeans[k % 3]![j]! + offset[j]! + 0.5 * gauss()));
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
      ['cal', centreOnPerson(raw, clips.map((c) => c.actor))],
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
    expect(b.selection.l2Index).toEqual(a.selection.l2Index);
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
});

/**
 * The transfer check: a new person on other footage, by the nested protocol. The nearest we have to
 * an independent check on other datasets: each actor in turn is held out, everything is chosen and
 * fitted on the other six actors' clips of our footage exactly as `npm run rotation` does, and the
 * held-out actor's clips are scored as filmed by us and as re-made each other way (crops, grey,
 * other light, another voice…: `npm run unfamiliar`), routed as the app routes them: the familiarity
 * models fitted on the same six actors send a clip whose scene, person or voice is unlike theirs to
 * `general` (`general-cal` calibrated). Other footage is scored, never fitted: its clips join the
 * fitter under names of their own (`01@grey`), after ours, and the column statistics and person
 * spreads stay ours'. The voice is taken as the main face's (the cache does not say whose it is).
 */
import { noGeneralOpinion } from '../../core/general-emotion';
import { argmax } from '../../core/vector';
import { frameAveragePredictions } from '../evaluation';
import type { CachedClip } from '../feature-cache';
import { footageFamiliarity, sceneVector } from '../../shared/ensemble-config';
import { GENERAL, GENERAL_CALIBRATED } from '../../shared/prediction-keys';
import { CrossFitter } from './cross-fit';
import { headVectors, isVisual } from './heads';
import { headProbsOutside, outerFold, recipeProbs } from './nested';
import { givenOutputs, protocolClips, type ProtocolPlan } from './run';
import { cachedFamiliarity } from './ship';

/** Other footage: a name and its labelled clips (the same actors as ours). */
export interface FootageSet {
  name: string;
  clips: readonly CachedClip[];
}

/** Accuracy (%) on one kind of footage, every held-out actor pooled. */
export interface TransferRow {
  clips: number;
  /** Clips whose scene, person and voice all read familiar to the six actors' models. */
  familiarPct: number;
  general: number;
  /** The best of the untrained per-frame models (`general`, face-api's, Human's), each clip averaged. */
  untrainedBest: number;
  /** The nested answer each clip alone, unrouted: the trained heads on everything. */
  trained: number;
  /** What the app shows each clip alone when the voice is the main face's: the trained answer, or `general` where the clip is unfamiliar. */
  answer: number;
  /** The same when the voice is someone else's (a dub, a voice-over: the speaker association keeps it out): the speech model left out, the voice not judged. */
  pictureOnly: number;
  generalCalibrated: number;
  trainedCalibrated: number;
  /** What a folder of the person's clips of this kind shows: the calibrated answer, or `general-cal` where unfamiliar. */
  calibrated: number;
}

/** The clip with its actor renamed (`01@grey`): scored with its person's clips of that kind, fitted never. */
function renamed(set: FootageSet): CachedClip[] {
  return set.clips.map((c) => ({ ...c, meta: { ...c.meta, actor: `${c.meta.actor}@${set.name}` } }));
}

/** `heads` with the speech heads' rows at no opinion, as the app predicts a clip whose voice is left out. */
function withoutSpeech(heads: ReadonlyMap<string, number[][]>, plan: ProtocolPlan): Map<string, number[][]> {
  const speech = new Set(plan.heads.filter((h) => !isVisual(h)).map((h) => h.name));
  return new Map([...heads].map(([name, rows]) => [name, speech.has(name) ? rows.map(() => Array.from(noGeneralOpinion())) : rows]));
}

/** Runs the check over `ours` (the protocol's clips) and each set of other footage. */
export function transferCheck(ours: readonly CachedClip[], others: readonly FootageSet[], plan: ProtocolPlan, log: (line: string) => void = () => {}): Record<string, TransferRow> {
  const sets: FootageSet[] = [{ name: 'ours', clips: ours }, ...others];
  const extra = others.flatMap(renamed);
  const all = [...ours, ...extra];
  const own = headVectors(ours, plan.heads);
  const theirs = headVectors(extra, plan.heads, own.personScales);
  const vectors = new Map([...own.vectors].map(([name, v]) => [name, [...v, ...theirs.vectors.get(name)!]]));
  const [givenOurs, givenTheirs] = [givenOutputs(ours), givenOutputs(extra)];
  const given = new Map([...givenOurs].filter(([name]) => plan.given.includes(name)).map(([name, rows]) => [name, [...rows, ...(givenTheirs.get(name) ?? [])]]));
  const fitter = new CrossFitter(protocolClips(all), vectors, undefined, given, ours.length);
  const labels = all.map((c) => c.meta.label);
  const actors = [...new Set(ours.map((c) => c.meta.actor))].sort();
  const right = new Map(sets.map((s) => [s.name, { clips: 0, familiar: 0, general: 0, trained: 0, answer: 0, pictureOnly: 0, generalCalibrated: 0, trainedCalibrated: 0, calibrated: 0 }]));
  // face-api's and Human's expression nets, each clip averaged (the `frameAverage` and `humanEmotion` rows).
  const untrained = new Map(sets.map((s) => [s.name, (['face-api', 'fer'] as const).map((source) => frameAveragePredictions(s.clips, source).probs)]));
  for (const actor of actors) {
    const fold = outerFold(fitter, plan.heads.map((h) => h.name), plan.recipes, actor, plan.answerPools, actors);
    const recipeOf = (key: string) => fold.answers.find((a) => a.key === key)!.recipe;
    const models = cachedFamiliarity(ours.filter((c) => c.meta.actor !== actor));
    let offset = 0;
    for (const set of sets) {
      const start = offset;
      offset += set.clips.length;
      const mine = set.clips.flatMap((c, k) => (c.meta.actor === actor ? [k] : []));
      const heads = headProbsOutside(fitter, plan.heads.map((h) => h.name), fold.selection, mine.map((k) => start + k));
      const probs = recipeProbs(plan.recipes, fold.selection, labels, heads);
      const silent = recipeProbs(plan.recipes, fold.selection, labels, withoutSpeech(heads, plan));
      const tally = right.get(set.name)!;
      mine.forEach((k, n) => {
        const c = set.clips[k]!;
        const is = (p: readonly number[] | undefined) => (p && argmax(p) === c.meta.label ? 1 : 0);
        const judged = (voice: ArrayLike<number> | null | undefined) =>
          c.records.length === 0 || (footageFamiliarity(models, { scene: sceneVector(c.records), face: c.meta.embedding, voice })?.familiar ?? true);
        const familiar = judged(c.meta.speech);
        const [general, generalCal] = [probs.get(GENERAL)?.[n], probs.get(GENERAL_CALIBRATED)?.[n]];
        const [trained, trainedCal] = [probs.get(recipeOf('alone'))![n], probs.get(recipeOf('calibrated'))![n]];
        tally.clips++;
        tally.familiar += familiar ? 1 : 0;
        tally.general += is(general);
        tally.trained += is(trained);
        tally.answer += is(familiar ? trained : general);
        tally.pictureOnly += is(judged(null) ? silent.get(recipeOf('alone'))![n] : general);
        tally.generalCalibrated += is(generalCal);
        tally.trainedCalibrated += is(trainedCal);
        tally.calibrated += is(familiar ? trainedCal : generalCal);
      });
    }
    log(`transfer: actor ${actor} held out (${fold.answers.map((a) => `${a.key} = ${a.recipe}`).join(', ')})`);
  }
  const pct = (x: number, n: number) => Math.round((1000 * x) / Math.max(n, 1)) / 10;
  return Object.fromEntries(
    sets.map((s) => {
      const t = right.get(s.name)!;
      const general = givenOutputs(s.clips).get(GENERAL);
      const models = [...untrained.get(s.name)!, ...(general ? [general] : [])];
      const best = Math.max(...models.map((rows) => rows.filter((p, k) => argmax(p) === s.clips[k]!.meta.label).length));
      const row: TransferRow = {
        clips: t.clips,
        familiarPct: pct(t.familiar, t.clips),
        general: pct(t.general, t.clips),
        untrainedBest: pct(best, t.clips),
        trained: pct(t.trained, t.clips),
        answer: pct(t.answer, t.clips),
        pictureOnly: pct(t.pictureOnly, t.clips),
        generalCalibrated: pct(t.generalCalibrated, t.clips),
        trainedCalibrated: pct(t.trainedCalibrated, t.clips),
        calibrated: pct(t.calibrated, t.clips),
      };
      return [s.name, row];
    }),
  );
}

/**
 * npm run familiarity-check -- [--cache .cache/features] [--unfamiliar .cache/features-unfamiliar] [--json out.json]
 *
 * The familiarity check and the answer on footage unlike ours, measured from feature caches (made
 * by `npm run unfamiliar` and `npm run features -- --data <kind folder> --out <unfamiliar>/<kind>`):
 * - familiar rates: each actor held out in turn, the scene, face and speech familiarity models fitted
 *   on the other actors' clips of our footage (as `rotation --ship` fits them on all) score the
 *   held-out actor's clips, ours and each unfamiliar kind's (the picture: scene and face together);
 * - accuracy per kind of `general` and of the other untrained per-frame models (`frameAverage`,
 *   `humanEmotion`), the shipped trained answer with the clip's speech
 *   (public/trained: fitted on all seven actors, so optimistic for it), and emolens's answer:
 *   `general` when the scene, the person or the main face's voice is unfamiliar. The cache does not
 *   say whose the voice is (the app credits it by the mouth): `emolensAnswerPct` weighs it as the
 *   main face's, `emolensPictureOnlyPct` as someone else's (the trained answer without speech when
 *   the voice is unfamiliar); the app lies between;
 * - other people (no labels): the faces in face-api's demo photos (scripts/lib/demo-faces.ts)
 *   scored by the shipped person model: how many it calls unfamiliar;
 * - the same calibrated to the person, each actor's clips of the kind as their reference (a folder of
 *   that person): `general-cal`, the shipped calibrated answer (optimistic, as above), and emolens's
 *   calibrated answer as a folder shows it (the calibrated answer, or `general-cal` when the picture
 *   is unfamiliar).
 * Prints JSON. A measurement, not a test.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { familiarityOf } from '../src/core/familiarity/familiarity';
import { cachedFamiliarity } from '../src/training/protocol/ship';
import { argmax, meanVector } from '../src/core/vector';
import { fileWeightSource, initNodeBackend, packageWeightSource } from '../src/node';
import { loadPerceptionModels } from '../src/pipeline/perception-models';
import { demoFaces } from './lib/demo-faces';
import { loadClipPredictor } from '../src/models/clip/clip-predictor';
import { answerOf, footageFamiliarity, sceneVector } from '../src/shared/ensemble-config';
import { GENERAL_CALIBRATED } from '../src/shared/prediction-keys';
import { calibratedAnswerKey } from '../src/app/person-calibration';
import { readFeatureCache, type CachedClip } from '../src/training/feature-cache';
import { repoRoot } from './lib/browser-app';
import { parseArgs, runCli, stringOption, writeJsonOption } from './lib/cli-args';

const pct = (x: number) => Math.round(x * 1000) / 10;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const ours = await readFeatureCache(resolve(stringOption(args, 'cache') ?? '.cache/features'));
  const root = resolve(stringOption(args, 'unfamiliar') ?? '.cache/features-unfamiliar');
  const kinds = existsSync(root) ? readdirSync(root).sort() : [];
  const sets: [string, CachedClip[]][] = [['ours', ours], ...(await Promise.all(kinds.map(async (k) => [k, await readFeatureCache(join(root, k))] as [string, CachedClip[]])))];
  const actors = [...new Set(ours.map((c) => c.meta.actor))].sort();
  // Each actor held out: fitted on the others' clips of our footage.
  const models = new Map(actors.map((a) => [a, cachedFamiliarity(ours.filter((c) => c.meta.actor !== a))!]));
  await initNodeBackend();
  const predictor = await loadClipPredictor(fileWeightSource(join(repoRoot, 'public', 'trained')));
  const trained = answerOf(predictor.ensemble).name;
  const trainedCal = answerOf(predictor.ensemble, true).name;
  const report: Record<string, unknown> = { trainedAnswer: trained, trainedCalibratedAnswer: trainedCal };
  for (const [name, clips] of sets) {
    let familiar = 0;
    let sceneUnlike = 0;
    let personUnlike = 0;
    let voiceFamiliar = 0;
    let general = 0;
    let answer = 0;
    let shown = 0;
    let shownPictureOnly = 0;
    // The other untrained per-frame models, averaged over the main track as the page does.
    let frameAverage = 0;
    let humanEmotion = 0;
    let generalCal = 0;
    let answerCal = 0;
    let shownCal = 0;
    const scores: number[] = [];
    const inputOf = (c: CachedClip) => ({ records: c.records, speech: c.meta.speech ? Float32Array.from(c.meta.speech) : null });
    const referenceOf = new Map(actors.map((a) => [a, clips.filter((c) => c.meta.actor === a && c.records.length).map(inputOf)]));
    for (const c of clips) {
      const model = models.get(c.meta.actor)!;
      const v = sceneVector(c.records);
      // The picture: its scene and the person filmed (unfamiliar when either is), as the page judges it.
      const fam = footageFamiliarity(model, { scene: v, face: c.meta.embedding }) ?? { score: NaN, familiar: true, unlike: [] };
      if (fam.unlike.includes('scene')) sceneUnlike++;
      if (fam.unlike.includes('person')) personUnlike++;
      const voice = c.meta.speech && model.speech ? familiarityOf(model.speech, c.meta.speech) : { familiar: true };
      scores.push(fam.score);
      if (fam.familiar) familiar++;
      if (voice.familiar) voiceFamiliar++;
      const g = c.meta.general ? argmax(c.meta.general.probs) : -1;
      if (g === c.meta.label) general++;
      const meanArgmax = (rows: (Float32Array | undefined)[]) => {
        const present = rows.filter((r): r is Float32Array => r !== undefined);
        return present.length > 0 ? argmax(meanVector(present)) : -1;
      };
      if (meanArgmax(c.records.map((r) => r.probs)) === c.meta.label) frameAverage++;
      if (meanArgmax(c.records.map((r) => r.ferProbs)) === c.meta.label) humanEmotion++;
      const trainedLabel = async (withSpeech: boolean) => {
        if (!c.records.length) return -1;
        const probs = await predictor.predict({ records: c.records, speech: withSpeech && c.meta.speech ? Float32Array.from(c.meta.speech) : null });
        return probs[trained] ? argmax(probs[trained]) : -1;
      };
      if ((await trainedLabel(true)) === c.meta.label) answer++;
      const mine = !fam.familiar ? g : await trainedLabel(voice.familiar);
      if (mine === c.meta.label) shownPictureOnly++;
      if ((voice.familiar ? mine : g) === c.meta.label) shown++;
      // Calibrated: as a folder of this person's clips of the kind would (speech kept, as a folder does).
      const reference = referenceOf.get(c.meta.actor)!;
      const cal = c.records.length && reference.length ? await predictor.predict(inputOf(c), { reference }) : {};
      const label = (key: string) => (cal[key] ? argmax(cal[key]) : -1);
      if (label(GENERAL_CALIBRATED) === c.meta.label) generalCal++;
      if (label(trainedCal) === c.meta.label) answerCal++;
      if (label(calibratedAnswerKey(predictor.ensemble, cal, fam.familiar && voice.familiar)) === c.meta.label) shownCal++;
    }
    const n = clips.length;
    const sorted = scores.filter(Number.isFinite).sort((a, b) => a - b);
    report[name] = {
      clips: n,
      pictureFamiliarPct: pct(familiar / n),
      sceneFamiliarPct: pct(1 - sceneUnlike / n),
      personFamiliarPct: pct(1 - personUnlike / n),
      voiceFamiliarPct: pct(voiceFamiliar / n),
      scoreMedian: sorted[Math.floor(sorted.length / 2)],
      generalPct: pct(general / n),
      frameAveragePct: pct(frameAverage / n),
      humanEmotionPct: pct(humanEmotion / n),
      trainedAnswerPct: pct(answer / n),
      emolensAnswerPct: pct(shown / n),
      emolensPictureOnlyPct: pct(shownPictureOnly / n),
      generalCalibratedPct: pct(generalCal / n),
      trainedCalibratedAnswerPct: pct(answerCal / n),
      emolensCalibratedPct: pct(shownCal / n),
    };
    console.error(`${name}: ${JSON.stringify(report[name])}`);
  }
  // Other people (no labels: familiarity only): the faces of face-api's demo photos against the shipped person model.
  const shippedFace = predictor.ensemble.familiarity?.face;
  predictor.dispose();
  if (shippedFace) {
    const models = await loadPerceptionModels(packageWeightSource());
    try {
      const scores = (await demoFaces(models)).map((f) => familiarityOf(shippedFace, f.embedding));
      report.otherPeople = { faces: scores.length, unfamiliar: scores.filter((s) => !s.familiar).length, scores: scores.map((s) => s.score) };
      console.error(`other people (face-api's demo photos): ${JSON.stringify(report.otherPeople)}`);
    } finally {
      models.dispose();
    }
  }
  process.stdout.write(writeJsonOption(args, report));
  return 0;
}

runCli('familiarity-check', main);

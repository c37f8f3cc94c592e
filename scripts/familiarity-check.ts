/**
 * npm run familiarity-check -- [--cache .cache/features] [--unfamiliar .cache/features-unfamiliar] [--json out.json]
 *
 * The familiarity check and the answer on footage unlike ours, measured from feature caches (made
 * by `npm run unfamiliar` and `npm run features -- --data <kind folder> --out <unfamiliar>/<kind>`):
 * - familiar rate: each actor held out in turn, the familiarity model fitted on the other actors'
 *   clips of our footage scores the held-out actor's clips, ours and each unfamiliar kind's;
 * - accuracy per kind of `general` (untrained), the shipped trained answer (public/trained: fitted
 *   on all seven actors, so optimistic for it), and emolens's answer (general when unfamiliar).
 * Prints JSON. A measurement, not a test.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { familiarityOf, fitFamiliarity } from '../src/core/familiarity/familiarity';
import { argmax } from '../src/core/vector';
import { fileWeightSource, initNodeBackend } from '../src/node';
import { loadClipPredictor } from '../src/models/clip/clip-predictor';
import { answerOf } from '../src/shared/ensemble-config';
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
  const feature = (c: CachedClip) => c.meta.general?.feature ?? null;
  const actors = [...new Set(ours.map((c) => c.meta.actor))].sort();
  // Each actor held out: fitted on the others' clips of our footage.
  const models = new Map(
    actors.map((a) => {
      const train = ours.filter((c) => c.meta.actor !== a && feature(c));
      return [a, fitFamiliarity(train.map((c) => feature(c)!), train.map((c) => c.meta.actor))];
    }),
  );
  await initNodeBackend();
  const predictor = await loadClipPredictor(fileWeightSource(join(repoRoot, 'public', 'trained')));
  const trained = answerOf(predictor.ensemble).name;
  const report: Record<string, unknown> = { trainedAnswer: trained };
  for (const [name, clips] of sets) {
    let familiar = 0;
    let general = 0;
    let answer = 0;
    let shown = 0;
    const scores: number[] = [];
    for (const c of clips) {
      const f = feature(c);
      const fam = f ? familiarityOf(models.get(c.meta.actor)!, f) : { score: NaN, familiar: true };
      scores.push(fam.score);
      if (fam.familiar) familiar++;
      const g = c.meta.general ? argmax(c.meta.general.probs) : -1;
      if (g === c.meta.label) general++;
      let t = -1;
      if (c.records.length) {
        const probs = await predictor.predict({ records: c.records, speech: c.meta.speech ? Float32Array.from(c.meta.speech) : null });
        const p = probs[trained];
        if (p) t = argmax(p);
      }
      if (t === c.meta.label) answer++;
      if ((fam.familiar ? t : g) === c.meta.label) shown++;
    }
    const n = clips.length;
    const sorted = scores.filter(Number.isFinite).sort((a, b) => a - b);
    report[name] = {
      clips: n,
      familiarPct: pct(familiar / n),
      scoreMedian: sorted[Math.floor(sorted.length / 2)],
      generalPct: pct(general / n),
      trainedAnswerPct: pct(answer / n),
      emolensAnswerPct: pct(shown / n),
    };
    console.error(`${name}: ${JSON.stringify(report[name])}`);
  }
  predictor.dispose();
  process.stdout.write(writeJsonOption(args, report));
  return 0;
}

runCli('familiarity-check', main);

/**
 * npm run train -- <model|all|baseline> [--seed 1] [--epochs N] [--cv] [--person-norm]
 *                  [--no-augment] [--no-save] [--cache .cache/features] [--extra-cache dir,dir]
 *                  [--predictions <cache>/../predictions] [--out public/trained]
 *                  [--lr X] [--l2 X] [--dropout X] [--hidden N] [--optimizer sgd|momentum|adam]
 *                  [--batch N] [--steps N] [--patience N] [--keep accuracy|loss|last] [--verbose]
 *
 * Trains a temporal model (names in src/training/model-specs.ts) on cached features (npm run
 * features) in Node on tfjs WASM: actors 01–06 train, actor 07 validates, and the model is saved to
 * <out>/<model>/ with a MODEL_CARD.md. `--cv` runs leave-one-actor-out over 01–07 instead (nothing
 * saved but the out-of-fold predictions). The Temporal-Pyramid heads, the speech model and
 * ensemble.json are made by `npm run rotation` (the nested protocol); this trainer is for the
 * Spatio-Temporal models and experiments. `baseline` prints frameAverage. `--extra-cache`
 * adds caches of the same clips at other sampling phases (npm run features -- --phase N) as extra
 * training copies of the training actors.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { initNodeBackend } from '../src/node';
import { readFeatureCache, type CachedClip } from '../src/training/feature-cache';
import { formatMetrics, frameAveragePredictions, metricsOf, writePredictions, type Metrics, type Predictions } from '../src/training/evaluation';
import { runSplit, type RunOptions } from '../src/training/experiment';
import type { TrainResult } from '../src/training/train-net';
import { MODEL_SPECS, type ModelSpec } from '../src/training/model-specs';
import { saveTemporalNet } from '../src/training/save-model';
import { numberOption, parseArgs, stringOption, type ParsedArgs } from './lib/cli-args';

const VAL_ACTOR = '07';
const FLAGS = ['cv', 'person-norm', 'no-augment', 'no-save', 'verbose'];

function predictionPath(predDir: string, model: string, o: RunOptions, kind: 'val07' | 'loao'): string {
  return join(predDir, `${model}${o.personNorm ? '-pn' : ''}${o.augment ? '' : '-noaug'}.${kind}.json`);
}

function subset(clips: CachedClip[], actors: readonly string[]): Predictions {
  return frameAveragePredictions(clips.filter((c) => actors.includes(c.meta.actor)));
}

function dataOfSpeech(): string {
  return `the speech features (src/core/audio/speech-features.ts) of each clip's audio
  track, computed by \`npm run features\`; one example per clip (no augmentation). Not in the paper, which is visual only`;
}

function dataOfFaces(clips: CachedClip[], o: RunOptions): string {
  return `main track chosen by FaceVoting,
  features cached at ${clips[0]?.meta.fps ?? '?'} fps by \`npm run features\`
  (${clips[0]?.meta.augmented ?? 0} augmented face-crop copies per clip, ${o.augment ? 'used' : 'not used'} for training),
  extracted with the perception settings \`${JSON.stringify(clips[0]?.meta.perception ?? 'before 2026-12-02 (not recorded)')}\`${
    o.extraClips?.length ? `;
  plus ${o.extraClips.filter((c) => c.meta.actor !== VAL_ACTOR).length} copies of the training clips sampled at other phases (\`--extra-cache\`)` : ''}`;
}

/** "best epoch 12, 3 s" (or "best epochs 1, 4, 2, 9" for averaged copies). */
function fitSummary(r: TrainResult): string {
  return `${r.bestEpochs ? `best epochs ${r.bestEpochs.join(', ')}` : `best epoch ${r.bestEpoch}`}, ${r.seconds.toFixed(0)} s`;
}

function modelCard(model: string, spec: ModelSpec, command: string, clips: CachedClip[], m: Metrics, baseline: Metrics, fit: TrainResult, o: RunOptions): string {
  const speech = spec.config.kind === 'speech';
  const trainClips = clips.filter((c) => c.meta.actor !== VAL_ACTOR && (speech ? !!c.meta.speech : c.records.length > 0)).length;
  return `# ${model}

${speech ? 'Speech model' : 'Temporal model'} of emolens (Do et al. 2021 re-implementation), trained in Node on tfjs ${'4.22'} WASM.

- **Architecture**: \`${JSON.stringify(spec.config)}\`
- **Data**: Javanese posed-emotion clips (6 classes, no disgust), ${speech ? dataOfSpeech() : dataOfFaces(clips, o)}.
- **Split**: train actors 01–06 (${trainClips} clips with ${speech ? 'speech' : 'a face'}), validation actor 07 (24 clips; early stopping
  and plateau schedule on it, so its numbers are optimistic).
- **Per-person normalisation**: ${o.personNorm ? 'on (inputs minus the actor mean)' : 'off'}.
- **Training**: \`${JSON.stringify(spec.train)}\`, seed ${o.seed}${spec.config.kind === 'speech' && (spec.config.members ?? 1) > 1 ? ` (copies: seeds ${o.seed}–${o.seed + spec.config.members! - 1}, averaged)` : ''}, ${fitSummary(fit)}.
- **Command**: \`${command}\`

| actor 07 | accuracy | weighted F1 | meanAcc ± std |
|---|---|---|---|
| ${model} | ${(m.accuracy * 100).toFixed(1)} | ${(m.weightedF1 * 100).toFixed(1)} | ${(m.meanAcc * 100).toFixed(1)} ± ${(m.stdAcc * 100).toFixed(1)} |
| frameAverage | ${(baseline.accuracy * 100).toFixed(1)} | ${(baseline.weightedF1 * 100).toFixed(1)} | ${(baseline.meanAcc * 100).toFixed(1)} ± ${(baseline.stdAcc * 100).toFixed(1)} |

Inputs are raw (training standardisation is folded into the first layer). See public/trained/README.md
for leave-one-actor-out results.
`;
}

/** Hyper-parameter overrides from the command line (for tuning by LOAO; the saved card records them). */
function withOverrides(spec: ModelSpec, args: ParsedArgs): ModelSpec {
  const num = (name: string) => (args.options.get(name) === '0' ? 0 : numberOption(args, name));
  const config = { ...spec.config, ...defined({ l2: num('l2'), dropout: num('dropout'), hidden: spec.config.kind === 'temporal-pyramid' ? num('hidden') : undefined }) };
  const optimizer = stringOption(args, 'optimizer') as ModelSpec['train']['optimizer'] | undefined;
  const keep = stringOption(args, 'keep') as ModelSpec['train']['keep'];
  const train = { ...spec.train, ...defined({ lr: num('lr'), batchSize: num('batch'), stepsPerEpoch: num('steps'), patience: num('patience'), optimizer, keep }) };
  return { config, train } as ModelSpec;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function trainOne(model: string, clips: CachedClip[], o: RunOptions, cv: boolean, save: boolean, out: string, predDir: string, args: ParsedArgs): Promise<void> {
  const base = MODEL_SPECS[model];
  if (!base) throw new Error(`unknown model "${model}"; known: ${Object.keys(MODEL_SPECS).join(', ')}`);
  const spec = withOverrides(base, args);
  if (cv) {
    const actors = [...new Set(clips.map((c) => c.meta.actor))].sort();
    const all: Predictions = { files: [], labels: [], probs: [] };
    const foldAcc: number[] = [];
    for (const actor of actors) {
      const run = await runSplit(clips, spec, [actor], o);
      run.net.dispose();
      const fold = { labels: run.valLabels, probs: run.valProbs.map((p) => [...p]) };
      foldAcc.push(metricsOf(fold).accuracy);
      all.files.push(...run.valFiles);
      all.labels.push(...fold.labels);
      all.probs.push(...fold.probs);
      console.error(`  ${model} fold ${actor}: ${formatMetrics(metricsOf(fold))} (${fitSummary(run.result)})`);
    }
    const mean = foldAcc.reduce((a, b) => a + b, 0) / foldAcc.length;
    const std = Math.sqrt(foldAcc.reduce((s, a) => s + (a - mean) ** 2, 0) / foldAcc.length);
    console.log(`${model}${o.personNorm ? ' +pn' : ''} LOAO pooled: ${formatMetrics(metricsOf(all))}; fold acc ${(mean * 100).toFixed(1)} ± ${(std * 100).toFixed(1)}`);
    await writePredictions(predictionPath(predDir, model, o, 'loao'), all);
    return;
  }
  const run = await runSplit(clips, spec, [VAL_ACTOR], o);
  const p: Predictions = { files: run.valFiles, labels: run.valLabels, probs: run.valProbs.map((x) => [...x]) };
  const m = metricsOf(p);
  console.log(`${model}${o.personNorm ? ' +pn' : ''} actor 07: ${formatMetrics(m)} (${fitSummary(run.result)})`);
  await writePredictions(predictionPath(predDir, model, o, 'val07'), p);
  if (save && !o.personNorm) {
    const dir = join(out, model);
    await saveTemporalNet(run.net, dir, spec.config);
    const command = `npm run train -- ${process.argv.slice(2).join(' ')}`;
    await writeFile(join(dir, 'MODEL_CARD.md'), modelCard(model, spec, command, clips, m, metricsOf(subset(clips, [VAL_ACTOR])), run.result, o));
  }
  run.net.dispose();
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), FLAGS);
  const target = args.positionals[0];
  if (!target) throw new Error('usage: npm run train -- <model|all|baseline> [--seed N] [--epochs N] [--cv] [--person-norm] [--no-augment] [--no-save]');
  const cache = resolve(stringOption(args, 'cache') ?? '.cache/features');
  const out = resolve(stringOption(args, 'out') ?? 'public/trained');
  const predDir = resolve(stringOption(args, 'predictions') ?? join(cache, '..', 'predictions'));
  const o: RunOptions = {
    seed: numberOption(args, 'seed') ?? 1,
    epochs: numberOption(args, 'epochs'),
    personNorm: args.options.has('person-norm'),
    augment: !args.options.has('no-augment'),
    log: args.options.has('verbose') ? (l) => console.error(l) : undefined,
  };
  await initNodeBackend();
  const clips = await readFeatureCache(cache);
  console.error(`${clips.length} cached clips (${clips.filter((c) => c.records.length === 0).length} without a face)`);
  const extraCaches = stringOption(args, 'extra-cache')?.split(',').map((d) => resolve(d)) ?? [];
  o.extraClips = (await Promise.all(extraCaches.map((d) => readFeatureCache(d)))).flat();
  if (extraCaches.length) console.error(`${o.extraClips.length} extra training copies from ${extraCaches.join(', ')}`);
  if (target === 'baseline') {
    console.log(`frameAverage actor 07: ${formatMetrics(metricsOf(subset(clips, [VAL_ACTOR])))}`);
    console.log(`frameAverage all actors: ${formatMetrics(metricsOf(frameAveragePredictions(clips)))}`);
    return;
  }
  const models = target === 'all' ? Object.keys(MODEL_SPECS) : target.split(',');
  for (const model of models) await trainOne(model, clips, o, args.options.has('cv'), !args.options.has('no-save'), out, predDir, args);
}

main().catch((error: unknown) => {
  console.error(`train: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});

/**
 * npm run rotation -- [--cache .cache/features] [--json out.json] [--results public/trained/RESULTS.md]
 *                     [--ship public/trained] [--reproduction st-face,st-ctx,st-both] [--heads tp-face-lr,…]
 *                     [--parallel 7]
 *
 * The nested leave-one-actor-out protocol (src/training/protocol) over the feature cache: every
 * number README and RESULTS.md report about unseen people. The answer's candidates are the few
 * fixed in src/training/protocol/recipes.ts (ANSWER_CANDIDATES); every head is still trained and
 * reported. Each outer fold runs in its own process
 * (`--fold A --fold-out f.json`; `--parallel` of them at once); this process pools them, prints the
 * JSON summary on stdout and rewrites RESULTS.md. With --ship it then chooses every setting by
 * leave-one-actor-out over all actors (reusing the folds' fits), trains the shipped heads on every
 * actor and writes them and ensemble.json; --reproduction lists trained folders outside the protocol
 * (the paper's Spatio-Temporal models, `npm run train`) that the app loads and shows but that are in
 * no ensemble.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { readFeatureCache } from '../src/training/feature-cache';
import { headSpecs } from '../src/training/protocol/heads';
import { createFitter, givenOutputs, primeWithFolds, protocolPlan, runFold, summarize, type FoldResult } from '../src/training/protocol/run';
import { resultsMarkdown } from '../src/training/protocol/results-markdown';
import { cachedFamiliarity, shipProtocolModels } from '../src/training/protocol/ship';
import { numberOption, parseArgs, stringOption } from './lib/cli-args';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs `task` over `items`, at most `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const cacheDir = resolve(stringOption(args, 'cache') ?? '.cache/features');
  const cache = (await readFeatureCache(cacheDir)).sort((a, b) => a.meta.file.localeCompare(b.meta.file));
  const actors = [...new Set(cache.map((c) => c.meta.actor))].sort();
  if (actors.length < 3) throw new Error(`${cacheDir}: the nested protocol needs clips of at least 3 actors`);
  const only = stringOption(args, 'heads')?.split(',');
  const plan = protocolPlan(headSpecs().filter((h) => !only || only.includes(h.name.replace(/-cal$/, ''))), [...givenOutputs(cache).keys()]);
  const started = performance.now();

  const fold = stringOption(args, 'fold');
  if (fold) {
    const { fitter } = createFitter(cache, plan);
    const result = runFold(fitter, plan, fold);
    await writeFile(stringOption(args, 'fold-out') ?? `${fold}.fold.json`, JSON.stringify({ result, fits: fitter.fits }));
    log(`outer fold ${fold}: ${result.answers.map((a) => `${a.key} = ${a.recipe}`).join(', ')} (${((performance.now() - started) / 1000).toFixed(0)} s, ${fitter.fits} fits)`);
    return;
  }

  log(`rotation: ${cache.length} clips, ${plan.heads.length} heads, candidates ${JSON.stringify(plan.answerPools)}, one process per outer fold`);
  const dir = await mkdtemp(join(tmpdir(), 'emolens-rotation-'));
  const passOn = argv.filter((a, i) => !['--json', '--results', '--ship', '--reproduction', '--parallel'].includes(a) && !['--json', '--results', '--ship', '--reproduction', '--parallel'].includes(argv[i - 1] ?? ''));
  const folds = await pool(actors, numberOption(args, 'parallel') ?? actors.length, async (actor) => {
    const out = join(dir, `${actor}.json`);
    const child = promisify(execFile)(process.execPath, [...process.execArgv, process.argv[1]!, ...passOn, '--fold', actor, '--fold-out', out], { maxBuffer: 1 << 26 });
    child.child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
    await child;
    return JSON.parse(await readFile(out, 'utf8')) as { result: FoldResult; fits: number };
  });
  const seconds = (performance.now() - started) / 1000;
  const summary = summarize(cache, plan, folds.map((f) => f.result), seconds, folds.reduce((s, f) => s + f.fits, 0));
  const json = stringOption(args, 'json');
  if (json) await writeFile(json, `${JSON.stringify(summary, null, 1)}\n`);
  await writeFile(stringOption(args, 'results') ?? 'public/trained/RESULTS.md', resultsMarkdown(summary));
  const ship = stringOption(args, 'ship');
  if (ship) {
    const { fitter, personScales } = createFitter(cache, plan);
    primeWithFolds(fitter, folds.map((f) => f.result));
    const reproduction = (stringOption(args, 'reproduction') ?? 'st-face,st-ctx,st-both').split(',').filter(Boolean);
    await shipProtocolModels(fitter, plan, resolve(ship), summary, log, personScales, reproduction, cachedFamiliarity(cache));
  }
  const brief = {
    clips: summary.clips,
    seconds: Math.round(summary.seconds),
    answers: Object.fromEntries(Object.entries(summary.answers).map(([k, a]) => [k, { accuracy: a.scores.accuracy, perClassRecall: a.scores.perClassRecall, recipes: a.recipes, eceBefore: a.eceBefore, eceAfter: a.eceAfter }])),
    models: Object.fromEntries(Object.entries(summary.models).map(([k, m]) => [k, { accuracy: m.accuracy, weightedF1: m.weightedF1, perClassRecall: m.perClassRecall, confusion: m.confusion }])),
  };
  process.stdout.write(`${JSON.stringify(brief)}\n`);
}

main().catch((error: unknown) => {
  console.error(`rotation: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});

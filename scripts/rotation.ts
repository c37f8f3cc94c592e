/**
 * npm run rotation -- [--cache .cache/features] [--json out.json] [--results public/trained/RESULTS.md]
 *                     [--ship public/trained] [--reproduction st-face,st-ctx,st-both] [--actors 01,02,…]
 *                     [--heads tp-face-lr,…]
 *
 * The nested leave-one-actor-out protocol (src/training/protocol) over the feature cache: every
 * number README and RESULTS.md report about unseen people. Prints the JSON summary on stdout,
 * rewrites RESULTS.md, and with --ship trains the shipped heads on every actor with the settings
 * the same procedure picks and writes them and ensemble.json; --reproduction lists trained folders
 * outside the protocol (the paper's Spatio-Temporal models, `npm run train`) that the app loads and
 * shows but that are in no ensemble.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readFeatureCache } from '../src/training/feature-cache';
import { headSpecs } from '../src/training/protocol/heads';
import { protocolPlan, runProtocol } from '../src/training/protocol/run';
import { resultsMarkdown } from '../src/training/protocol/results-markdown';
import { shipProtocolModels } from '../src/training/protocol/ship';
import { parseArgs, stringOption } from './lib/cli-args';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cacheDir = resolve(stringOption(args, 'cache') ?? '.cache/features');
  let cache = (await readFeatureCache(cacheDir)).sort((a, b) => a.meta.file.localeCompare(b.meta.file));
  const actors = stringOption(args, 'actors')?.split(',');
  if (actors) cache = cache.filter((c) => actors.includes(c.meta.actor));
  if (new Set(cache.map((c) => c.meta.actor)).size < 3) throw new Error(`${cacheDir}: the nested protocol needs clips of at least 3 actors`);
  const only = stringOption(args, 'heads')?.split(',');
  const heads = headSpecs().filter((h) => !only || only.includes(h.name.replace(/-cal$/, '')));
  const plan = protocolPlan(heads);
  process.stderr.write(`rotation: ${cache.length} clips, ${heads.length} heads, ${plan.recipes.length} recipes\n`);
  const { summary, fitter } = runProtocol(cache, plan, (line) => process.stderr.write(`${line}\n`));
  const json = stringOption(args, 'json');
  if (json) await writeFile(json, `${JSON.stringify(summary, null, 1)}\n`);
  const results = stringOption(args, 'results') ?? 'public/trained/RESULTS.md';
  await writeFile(results, resultsMarkdown(summary));
  const ship = stringOption(args, 'ship');
  const reproduction = (stringOption(args, 'reproduction') ?? 'st-face,st-ctx,st-both').split(',').filter(Boolean);
  if (ship) await shipProtocolModels(fitter, plan, resolve(ship), summary, (line) => process.stderr.write(`${line}\n`), reproduction);
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

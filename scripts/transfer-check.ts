/**
 * npm run transfer-check -- [--cache .cache/features] [--unfamiliar .cache/features-unfamiliar] [--json out.json]
 *
 * A new person on other footage, by the nested protocol (src/training/protocol/transfer.ts): each
 * actor held out, everything chosen and fitted on the other six actors' clips of ours as `npm run
 * rotation` does, and the held-out actor's clips scored as we filmed them and as each re-made kind
 * (`npm run unfamiliar`, then `npm run features -- --data <kind> --augment 0 --out <unfamiliar>/<kind>`),
 * routed to `general` where the six actors' familiarity models call them unfamiliar, as the app does.
 * Unlike `npm run familiarity-check` (the shipped heads, fitted on these very actors), nothing scored
 * here was fitted on the person scored. Prints JSON. A measurement, not a test.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readFeatureCache } from '../src/training/feature-cache';
import { headSpecs } from '../src/training/protocol/heads';
import { givenOutputs, protocolPlan } from '../src/training/protocol/run';
import { transferCheck } from '../src/training/protocol/transfer';
import { parseArgs, runCli, stringOption, writeJsonOption } from './lib/cli-args';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const ours = (await readFeatureCache(resolve(stringOption(args, 'cache') ?? '.cache/features'))).sort((a, b) => a.meta.file.localeCompare(b.meta.file));
  const root = resolve(stringOption(args, 'unfamiliar') ?? '.cache/features-unfamiliar');
  const kinds = existsSync(root) ? readdirSync(root).sort() : [];
  const others = await Promise.all(kinds.map(async (name) => ({ name, clips: (await readFeatureCache(join(root, name))).sort((a, b) => a.meta.file.localeCompare(b.meta.file)) })));
  const plan = protocolPlan(headSpecs(), [...givenOutputs(ours).keys()]);
  const started = performance.now();
  const report = transferCheck(ours, others, plan, (line) => console.error(line));
  for (const [name, row] of Object.entries(report)) console.error(`${name}: ${JSON.stringify(row)}`);
  console.error(`transfer-check: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(writeJsonOption(args, report));
  return 0;
}

runCli('transfer-check', main);

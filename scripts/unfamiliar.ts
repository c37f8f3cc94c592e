/**
 * npm run unfamiliar -- [--out .cache/unfamiliar] [--sentence 01] [--kinds face-crop,grey,…]
 *
 * Makes the unfamiliar footage (src/node/unfamiliar-footage.ts) from the shared clips of one
 * sentence (42 clips: 7 actors × 6 emotions) into one labelled folder per kind, which
 * `npm run features -- --data <folder>` and `npm run evaluate -- <folder>` read as they read ours.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeUnfamiliar, UNFAMILIAR_KINDS } from '../src/node/unfamiliar-footage';
import { repoRoot } from './lib/browser-app';
import { parseArgs, runCli, stringOption } from './lib/cli-args';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const out = resolve(stringOption(args, 'out') ?? join(repoRoot, '.cache', 'unfamiliar'));
  const sentence = stringOption(args, 'sentence') ?? '01';
  const wanted = stringOption(args, 'kinds')?.split(',');
  const data = join(repoRoot, '../shared/data/javanese');
  const [header, ...lines] = readFileSync(join(data, 'labels.csv'), 'utf8').trim().split('\n');
  const rows = lines.map((l) => l.split(',')).filter((r) => r[2] === sentence);
  for (const kind of UNFAMILIAR_KINDS.filter((k) => !wanted || wanted.includes(k.name))) {
    const folder = makeUnfamiliar(kind, rows, header!, out, (file) => join(data, 'clips', file));
    console.log(`${kind.name}: ${rows.length} clips (${kind.description}) → ${folder}`);
  }
  return 0;
}

runCli('unfamiliar', main);

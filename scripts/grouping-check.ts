/**
 * npm run grouping-check -- <feature cache dir> [<dir> …]
 *
 * Grouping by person on footage filmed differently, from feature caches that keep each clip's mean
 * embedding (`npm run features`, since 2026-12-04): the clips of every cache pooled (the same actors
 * as face crops, grey, small and compressed, other light…), and each cache alone, grouped with the
 * app's cut (chosen per folder) and at a fixed cut at its ceiling (what the app cut at before
 * 2026-12-04 22:00 UTC); purity is read against the actor column. Prints JSON.
 */
import { basename, resolve } from 'node:path';
import { DEFAULT_GROUPING_CONFIG, groupByPerson, groupingPurity } from '../src/core/grouping/group-by-person';
import { readFeatureCache } from '../src/training/feature-cache';
import { runCli } from './lib/cli-args';

async function main(): Promise<number> {
  const dirs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (dirs.length === 0) {
    console.error('usage: npm run grouping-check -- <feature cache dir> [<dir> …]');
    return 2;
  }
  const sets = await Promise.all(dirs.map(async (d) => ({ name: basename(d), clips: (await readFeatureCache(resolve(d))).filter((c) => c.meta.embedding) })));
  const measure = (clips: (typeof sets)[number]['clips']) => {
    const embeddings = clips.map((c) => c.meta.embedding!);
    const people = clips.map((c) => c.meta.actor);
    const at = (threshold: number | undefined) => {
      const p = groupingPurity(groupByPerson(embeddings, { threshold }), people);
      return { groups: p.groups, split: p.split.length, mixed: p.mixed.length, pure: p.split.length === 0 && p.mixed.length === 0 };
    };
    return { clips: clips.length, people: new Set(people).size, chosen: at(undefined), ceiling: at(DEFAULT_GROUPING_CONFIG.ceiling) };
  };
  const report = {
    pooled: measure(sets.flatMap((s) => s.clips)),
    each: Object.fromEntries(sets.map((s) => [s.name, measure(s.clips)])),
  };
  console.log(JSON.stringify(report, null, 1));
  return 0;
}

runCli('grouping-check', main);

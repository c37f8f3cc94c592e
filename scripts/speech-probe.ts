/**
 * npx tsx scripts/speech-probe.ts [--data DIR] [--save FILE] [--load FILE] [--compare FILE] [--drop REGEX] [--json FILE]
 *
 * Does speech earn its weight? Computes the speech features (src/core/audio) of every clip in
 * labels.csv (or reads them from `--load`, a file written by `--save`) and scores a multinomial
 * logistic regression on them under leave-one-actor-out: each actor is held out in turn; the
 * features are standardised on the training actors and the L2 strength is chosen by an inner
 * leave-one-actor-out over the training actors only, so the held-out actor's labels score it and
 * choose nothing. Twice: features as they are ("alone"), and each speaker's features z-scored over
 * that speaker's own clips ("per speaker", no labels used). `--compare` scores another saved
 * feature set (e.g. older features) the same way; `--drop` leaves out features whose name matches.
 * A measurement, not a test: prints accuracy and per-class recall, JSON with `--json`. The solver is
 * the clip heads' (src/core/learning/logistic-regression.ts, classes balanced).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EMOTION_LABELS } from '../src/core/labels';
import { argmax } from '../src/core/vector';
import { classificationReport } from '../src/core/metrics/classification-metrics';
import { SPEECH_FEATURE_NAMES } from '../src/core/audio/speech-features';
import { speechFeaturesOfFile } from '../src/node/ffmpeg-audio';
import { fitLogisticRegression, predictProba } from '../src/core/learning/logistic-regression';
import { fitStandardizer, standardize } from '../src/training/standardize';
import { parseArgs, stringOption, writeJsonOption } from './lib/cli-args';
import { DATA_DIR, readLabels } from './lib/dataset-labels';

/** A saved feature set: names and one row per clip with speech. */
interface FeatureSet {
  names: string[];
  clips: { file: string; actor: string; label: number; features: number[] }[];
}

/** L2 strengths tried by the inner loop. */
const L2_GRID = [1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001];

async function computeFeatures(dataDir: string): Promise<FeatureSet> {
  const clips: FeatureSet['clips'] = [];
  for (const row of readLabels(dataDir)) {
    const f = await speechFeaturesOfFile(join(dataDir, 'clips', row.file));
    if (f) clips.push({ file: row.file, actor: row.actor, label: row.label, features: [...f] });
    else console.error(`${row.file}: no speech`);
    process.stderr.write(`\r${clips.length} clips`);
  }
  process.stderr.write('\n');
  return { names: [...SPEECH_FEATURE_NAMES], clips };
}

/** Each actor's rows z-scored over that actor's own rows (no labels). */
function perSpeaker(rows: Float32Array[], actors: string[]): Float32Array[] {
  const out = [...rows];
  for (const actor of new Set(actors)) {
    const idx = actors.flatMap((a, i) => (a === actor ? [i] : []));
    const s = fitStandardizer(idx.map((i) => rows[i]!), rows[0]!.length);
    for (const i of idx) out[i] = standardize(rows[i]!, s);
  }
  return out;
}

/** Fits on `train` (standardised on it; src/core/learning, L-BFGS to convergence) and returns the predicted class of each `test` row. */
function fitPredict(rows: Float32Array[], y: number[], train: number[], test: number[], classes: number, l2: number): number[] {
  const s = fitStandardizer(train.map((i) => rows[i]!), rows[0]!.length);
  const scaled = (i: number) => Float64Array.from(standardize(rows[i]!, s));
  const model = fitLogisticRegression(train.map(scaled), train.map((i) => y[i]!), { l2, classes });
  return test.map((i) => argmax(predictProba(model, scaled(i))));
}

/** Inner leave-one-actor-out accuracy of each L2 strength on `train` only; the best (strongest on ties). */
function chooseL2(rows: Float32Array[], y: number[], actors: string[], train: number[], classes: number): number {
  const correct = L2_GRID.map(() => 0);
  for (const inner of new Set(train.map((i) => actors[i]!))) {
    const fit = train.filter((i) => actors[i] !== inner);
    const held = train.filter((i) => actors[i] === inner);
    L2_GRID.forEach((l2, g) => {
      correct[g]! += fitPredict(rows, y, fit, held, classes, l2).filter((p, k) => p === y[held[k]!]).length;
    });
  }
  return L2_GRID[correct.indexOf(Math.max(...correct))]!;
}

/** Nested leave-one-actor-out predictions (paper label indices) and the L2 chosen per held-out actor. */
function nestedLoao(rows: Float32Array[], labels: number[], actors: string[]) {
  const present = [...new Set(labels)].sort((a, b) => a - b);
  const y = labels.map((l) => present.indexOf(l));
  const predicted = new Array<number>(rows.length);
  const chosen: Record<string, number> = {};
  for (const actor of [...new Set(actors)].sort()) {
    const train = actors.flatMap((a, i) => (a !== actor ? [i] : []));
    const test = actors.flatMap((a, i) => (a === actor ? [i] : []));
    const l2 = chooseL2(rows, y, actors, train, present.length);
    chosen[actor] = l2;
    fitPredict(rows, y, train, test, present.length, l2).forEach((p, k) => (predicted[test[k]!] = present[p]!));
  }
  return { predicted, chosen };
}

function score(set: FeatureSet, drop: RegExp | undefined, speakerNorm: boolean) {
  const keep = set.names.flatMap((n, j) => (drop?.test(n) ? [] : [j]));
  const raw = set.clips.map((c) => Float32Array.from(keep, (j) => c.features[j]!));
  const actors = set.clips.map((c) => c.actor);
  const labels = set.clips.map((c) => c.label);
  const rows = speakerNorm ? perSpeaker(raw, actors) : raw;
  const { predicted, chosen } = nestedLoao(rows, labels, actors);
  const report = classificationReport(labels, predicted);
  const recall = Object.fromEntries(report.perClass.filter((c) => c.present).map((c) => [c.label, round(c.accuracy!)]));
  return { features: keep.length, clips: set.clips.length, accuracy: round(report.accuracy), recall, l2ByHeldOutActor: chosen };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = resolve(stringOption(args, 'data') ?? DATA_DIR);
  const load = stringOption(args, 'load');
  const current: FeatureSet = load ? (JSON.parse(readFileSync(load, 'utf8')) as FeatureSet) : await computeFeatures(dataDir);
  const save = stringOption(args, 'save');
  if (save) writeFileSync(save, JSON.stringify(current));
  const dropText = stringOption(args, 'drop');
  const drop = dropText ? new RegExp(dropText) : undefined;
  const compare = stringOption(args, 'compare');
  const sets: [string, FeatureSet][] = [['current', current], ...(compare ? [['compared', JSON.parse(readFileSync(compare, 'utf8')) as FeatureSet] as [string, FeatureSet]] : [])];
  const result: Record<string, unknown> = {};
  for (const [name, set] of sets) {
    for (const speakerNorm of [false, true]) {
      const r = score(set, drop, speakerNorm);
      const key = `${name} ${speakerNorm ? 'per speaker' : 'alone'}`;
      result[key] = r;
      const recall = Object.entries(r.recall).map(([l, v]) => `${l} ${(v * 100).toFixed(0)}`).join(', ');
      console.error(`${key.padEnd(22)} ${r.features} features, ${r.clips} clips: accuracy ${(r.accuracy * 100).toFixed(1)} % | recall ${recall}`);
    }
  }
  process.stdout.write(writeJsonOption(args, { chance: round(1 / new Set(current.clips.map((c) => c.label)).size), labels: EMOTION_LABELS, drop: dropText ?? null, result }));
}

main().catch((error: unknown) => {
  console.error(`speech-probe: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});

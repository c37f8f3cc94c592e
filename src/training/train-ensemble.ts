/**
 * Node-only: the §5 ensembles from saved predictions. Best Selection members are chosen on actor 07
 * (the validation actor); the joint fusion layer is trained on leave-one-actor-out (out-of-fold)
 * predictions of actors 01–06 when they exist for every model (so 07 stays unseen), else on actor
 * 07 itself (then its 07 numbers are optimistic). Writes ensemble.json and RESULTS.md.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { averageFusion } from '../core/ensembles/average';
import { bestSelection } from '../core/ensembles/best-selection';
import { buildJointFusionInput, jointFusionForward } from '../core/ensembles/joint-fusion-data';
import { NUM_EMOTIONS } from '../core/labels';
import { createRng } from '../core/random';
import { buildJointFusionNet } from '../models/temporal/joint-fusion';
import type { EnsembleConfig } from '../models/temporal/ensemble-config';
import { formatMetrics, frameAveragePredictions, metricsOf, readPredictions, type Metrics, type Predictions } from './evaluation';
import type { CachedClip } from './feature-cache';
import { MODEL_SPECS } from './model-specs';
import { withSeededMathRandom } from './train-net';

const VAL_ACTOR = '07';

/** Trains the fusion layer (full batch, Adam) on `inputs` → `labels`; returns kernel and bias. */
export async function fitJointFusion(members: string[], inputs: number[][], labels: number[], seed: number, epochs = 300): Promise<{ kernel: number[][]; bias: number[] }> {
  return withSeededMathRandom(createRng(seed), async () => {
    const net = buildJointFusionNet({ kind: 'joint-fusion', members, l2: 1e-3 });
    net.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
    const x = tf.tensor2d(inputs);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), NUM_EMOTIONS));
    try {
      await net.fit(x, y, { epochs, batchSize: inputs.length, shuffle: false, verbose: 0 });
      const [kernel, bias] = net.getWeights();
      return { kernel: (await kernel!.array()) as number[][], bias: (await bias!.array()) as number[] };
    } finally {
      tf.dispose([x, y]);
      net.dispose();
    }
  });
}

function row(name: string, m: Metrics | undefined, loao?: Metrics): string {
  const f = (x: number) => (x * 100).toFixed(1);
  const cell = (v?: Metrics) => (v ? `${f(v.accuracy)} | ${f(v.weightedF1)} | ${f(v.meanAcc)} ± ${f(v.stdAcc)}` : '– | – | –');
  return `| ${name} | ${cell(m)} | ${cell(loao)} |`;
}

/** Builds ensemble.json (and RESULTS.md) in `out` from the prediction files in `predDir`. */
export async function trainEnsemble(clips: readonly CachedClip[], predDir: string, out: string, seed: number): Promise<EnsembleConfig> {
  const names = Object.keys(MODEL_SPECS).filter((n) => existsSync(join(out, n, 'model.json')));
  const val = new Map<string, Predictions>();
  const loao = new Map<string, Predictions>();
  for (const n of names) {
    const v = await readPredictions(join(predDir, `${n}.val07.json`));
    if (!v) throw new Error(`no actor-07 predictions for ${n}: run npm run train -- ${n}`);
    val.set(n, v);
    const l = await readPredictions(join(predDir, `${n}.loao.json`));
    if (l) loao.set(n, l);
  }
  if (names.length === 0) throw new Error(`no trained models in ${out}`);
  const labels = val.get(names[0]!)!.labels;
  const candidates = names.map((name) => ({ name, accuracy: metricsOf(val.get(name)!).accuracy, probabilities: val.get(name)!.probs }));
  const best = bestSelection(candidates, labels);

  // Joint fusion over the models with out-of-fold predictions (trained on 01–06 only), if ≥ 2.
  const withLoao = names.filter((n) => loao.has(n));
  const haveLoao = withLoao.length >= 2;
  const fusionMembers = haveLoao ? withLoao : names;
  const fusionSet = haveLoao
    ? fusionMembers.map((n) => {
        const p = loao.get(n)!;
        const keep = p.files.map((f, i) => [f, i] as const).filter(([f]) => !f.startsWith(`${VAL_ACTOR}-`)).map(([, i]) => i);
        return { labels: keep.map((i) => p.labels[i]!), probs: keep.map((i) => p.probs[i]!) };
      })
    : names.map((n) => val.get(n)!);
  const layer = await fitJointFusion(fusionMembers, buildJointFusionInput(fusionSet.map((s) => s.probs)), fusionSet[0]!.labels, seed);

  const ensemble: EnsembleConfig = {
    models: names,
    average: { members: names },
    bestSelection: { members: best.members, validationAccuracy: best.accuracy },
    jointFusion: { members: fusionMembers, ...layer },
    selectedOn: `actor ${VAL_ACTOR} (Best Selection); joint fusion trained on ${haveLoao ? 'out-of-fold LOAO predictions of actors 01–06' : `actor ${VAL_ACTOR} predictions (optimistic)`}`,
  };
  await writeFile(join(out, 'ensemble.json'), `${JSON.stringify(ensemble, null, 1)}\n`);

  const fused = (members: string[], m: Map<string, Predictions>) => averageFusion(members.map((n) => m.get(n)!.probs));
  const joint = (m: Map<string, Predictions>) => buildJointFusionInput(fusionMembers.map((n) => m.get(n)!.probs)).map((x) => jointFusionForward(x, layer));
  const valRows: [string, Metrics, Metrics | undefined][] = names.map((n) => [n, metricsOf(val.get(n)!), loao.has(n) ? metricsOf(loao.get(n)!) : undefined]);
  const loaoLabels = haveLoao ? loao.get(withLoao[0]!)!.labels : [];
  const allLoao = names.every((n) => loao.has(n));
  const ens = (probs: number[][] | undefined) => (probs ? metricsOf({ labels: loaoLabels, probs }) : undefined);
  valRows.push(['average', metricsOf({ labels, probs: fused(names, val) }), allLoao ? ens(fused(names, loao)) : undefined]);
  valRows.push([`bestSelection (${best.members.join(' + ')})`, metricsOf({ labels, probs: fused(best.members, val) }), best.members.every((n) => loao.has(n)) ? ens(fused(best.members, loao)) : undefined]);
  valRows.push([`jointFusion (${fusionMembers.join(' + ')})${haveLoao ? '' : ' trained on 07'}`, metricsOf({ labels, probs: joint(val) }), haveLoao ? ens(joint(loao)) : undefined]);
  const frameAvg = frameAveragePredictions(clips.filter((c) => c.meta.actor === VAL_ACTOR));
  valRows.push(['frameAverage', metricsOf(frameAvg), metricsOf(frameAveragePredictions(clips))]);
  for (const [n, m, l] of valRows) console.log(`${n.padEnd(40)} 07: ${formatMetrics(m)}${l ? `   LOAO: ${formatMetrics(l)}` : ''}`);
  const md = [
    '# Temporal models: results',
    '',
    'Accuracy, weighted F1 and mean ± std per-class accuracy (%). "Actor 07": trained on 01–06, validated',
    '(early stopping, Best Selection) on 07. "LOAO": leave-one-actor-out over 01–07, pooled out-of-fold',
    'predictions of all 168 clips (the held-out actor is also the early-stopping set). The LOAO rows of the',
    'ensembles re-use the members chosen on 07; joint fusion LOAO numbers include the actors it was trained on.',
    '',
    '| model | 07 acc | 07 wF1 | 07 meanAcc | LOAO acc | LOAO wF1 | LOAO meanAcc |',
    '|---|---|---|---|---|---|---|',
    ...valRows.map(([n, m, l]) => row(n, m, l)),
    '',
    `Ensembles: ${ensemble.selectedOn}.`,
    '',
  ].join('\n');
  await writeFile(join(out, 'RESULTS.md'), md);
  return ensemble;
}

/**
 * Node-only: the shipped heads and ensemble.json, made by the same procedure the protocol
 * measures, run over every actor: each head's L2 strength and every fusion are chosen by
 * leave-one-actor-out over all seven actors, then each head is trained on all of them.
 */
import { SPEECH_FEATURES_VERSION } from '../../core/audio/speech-features';
import { fitFamiliarity, type FamiliarityModel } from '../../core/familiarity/familiarity';
import { sceneVector, type EnsembleConfig } from '../../shared/ensemble-config';
import type { CachedClip } from '../feature-cache';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { fitTemperature } from '../../core/calibration/temperature';
import { fusionMembers, type FusionSpec } from '../../core/ensembles/fusion-spec';
import { NUM_EMOTIONS } from '../../core/labels';
import { buildClassifierNet } from '../../models/clip/temporal-pyramid';
import type { ClipModelConfig } from '../../models/clip/temporal-model';
import { saveTemporalNet } from '../save-model';
import { fitPath, type CrossFitter, type FittedHead } from './cross-fit';
import type { HeadSpec } from './heads';
import type { PersonScale } from '../../core/calibration/person-normaliser';
import { chooseAnswer, selectOn } from './nested';
import type { ProtocolPlan, ProtocolSummary } from './run';

/** Probability under which the app says "uncertain" and shows the top two (after temperature scaling). */
export const UNCERTAIN_BELOW = 0.4;

/** The model.json config of a shipped head (`personScale`: the head is calibrated and scaled). */
function headConfig(head: HeadSpec, l2: number, personScale?: PersonScale): ClipModelConfig {
  const calibration = head.calibrated ? { calibration: 'person' as const, ...(personScale ? { personScale } : {}) } : {};
  if (head.input.kind === 'speech') return { kind: 'speech', hidden: 0, dropout: 0, l2, ...calibration };
  return { ...head.input, hidden: 0, dropout: 0, l2, ...calibration };
}

/** Saves a fitted head as a one-layer softmax net over raw inputs (the scaling folded into the layer). */
async function saveHead(fitted: FittedHead, config: ClipModelConfig, dir: string): Promise<void> {
  const { classifier, scaler } = fitted;
  const d = classifier.inputs;
  const kernel = new Float32Array(d * NUM_EMOTIONS);
  const bias = Float32Array.from(classifier.bias);
  for (let j = 0; j < d; j++) {
    for (let c = 0; c < NUM_EMOTIONS; c++) {
      const w = classifier.weights[j * NUM_EMOTIONS + c]! / scaler.scale[j]!;
      kernel[j * NUM_EMOTIONS + c] = w;
      bias[c]! -= scaler.mean[j]! * w;
    }
  }
  const net = buildClassifierNet(d, { hidden: 0, dropout: 0, l2: 0 });
  try {
    const dense = net.layers.find((l) => l.getClassName() === 'Dense')!;
    const [k, b] = [tf.tensor2d(kernel, [d, NUM_EMOTIONS]), tf.tensor1d(bias)];
    dense.setWeights([k, b]);
    tf.dispose([k, b]);
    await saveTemporalNet(net, dir, config);
  } finally {
    net.dispose();
  }
}

/** The model card of a shipped head: how it was made and how it did on unseen actors. */
export function headCard(name: string, config: ClipModelConfig, summary: ProtocolSummary): string {
  const m = summary.models[name];
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)} %`);
  const input = config.kind === 'speech' ? `the clip's speech features, version ${SPEECH_FEATURES_VERSION} (src/core/audio/speech-features.ts)` : "the main track's temporal pyramid (src/models/clip/clip-features.ts)";
  const scaled = 'personScale' in config && config.personScale ? ` and divided by their spread (shrunk towards the training people's within-person spread with the weight of ${config.personScale.prior} clips)` : '';
  const centred = 'calibration' in config && config.calibration ? `, centred on the mean input of the person's reference clips${scaled}` : '';
  return [
    `# ${name}`,
    '',
    `A multinomial logistic regression (one dense softmax layer) over ${input}${centred}.`,
    '',
    `- Input: \`${JSON.stringify(config, (key, value: unknown) => (key === 'pooled' && Array.isArray(value) ? `[${value.length} spreads]` : value))}\``,
    `- Trained by \`npm run rotation -- --ship public/trained\` on all ${summary.clips} clips of actors ${summary.actors.join(', ')}, full batch to convergence (L-BFGS), classes weighted equally; disgust has no clips and gets probability 0.`,
    `- L2 strength ${'l2' in config ? config.l2 : '–'}, chosen by leave-one-actor-out over those actors. Inputs standardised (σ floored at 0.1 × the median σ), folded into the layer.`,
    `- On unseen actors (nested leave-one-actor-out, ${summary.clips} clips): accuracy ${pct(m?.accuracy)}, weighted F1 ${pct(m?.weightedF1)}.`,
    '',
  ].join('\n');
}

/**
 * The familiarity models of the cached clips (src/core/familiarity): the spread of each clip's
 * mean context feature (the scene), of its speech features and of its main face's mean embedding
 * (the person), each with a threshold that counts every actor held out familiar; undefined when a
 * clip has no face (no scene vector).
 */
export function cachedFamiliarity(cache: readonly CachedClip[]): EnsembleConfig['familiarity'] {
  const scene = cache.map((c) => sceneVector(c.records));
  if (cache.length === 0 || scene.some((v) => !v)) return undefined;
  const round = (m: FamiliarityModel): FamiliarityModel => ({ mean: m.mean.map(r5), scale: m.scale.map(r5), threshold: r5(m.threshold) });
  const actors = cache.map((c) => c.meta.actor);
  const spoken = cache.flatMap((c) => (c.meta.speech ? [{ speech: c.meta.speech, actor: c.meta.actor }] : []));
  // Only the people the heads were fitted on: a cache without embeddings (older) ships no face model.
  const faces = cache.flatMap((c) => (c.meta.embedding ? [{ embedding: c.meta.embedding, actor: c.meta.actor }] : []));
  return {
    scene: round(fitFamiliarity(scene as Float64Array[], actors)),
    ...(new Set(spoken.map((s) => s.actor)).size >= 2 && { speech: round(fitFamiliarity(spoken.map((s) => s.speech), spoken.map((s) => s.actor))) }),
    ...(new Set(faces.map((f) => f.actor)).size >= 2 && { face: round(fitFamiliarity(faces.map((f) => f.embedding), faces.map((f) => f.actor), PERSON_MARGIN)) }),
  };
}

const r5 = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * The person's line sits at the largest held-out distance itself, without the scene's 10 % margin:
 * fitted on six actors, every clip of the seventh still counts familiar (`npm run familiarity-check`,
 * each actor in turn), while the margin let 11 of 19 other people's faces through (docs/results.md).
 */
const PERSON_MARGIN = 1;

/**
 * Chooses, trains and writes the shipped heads and ensemble.json into `out`. `reproduction` names
 * trained folders outside the protocol that the app still loads and shows (the paper's
 * Spatio-Temporal models, `npm run train`): they are in no ensemble and never the answer.
 */
export async function shipProtocolModels(
  fitter: CrossFitter,
  plan: ProtocolPlan,
  out: string,
  summary: ProtocolSummary,
  log: (line: string) => void,
  personScales: ReadonlyMap<string, PersonScale>,
  reproduction: readonly string[] = [],
  familiarity?: EnsembleConfig['familiarity'],
): Promise<void> {
  const { clips, vectors } = fitter;
  const actors = [...new Set(clips.map((c) => c.actor))].sort();
  const labels = clips.map((c) => c.label);
  const heads = plan.heads.map((h) => h.name);
  const selection = selectOn(fitter, heads, plan.recipes, actors);
  const oofLabels = selection.clips.map((i) => labels[i]!);
  const fusions: Record<string, FusionSpec> = {};
  for (const recipe of plan.recipes) fusions[recipe.name] = recipe.fit(selection.oof, oofLabels);
  const answer = Object.fromEntries(
    Object.entries(plan.answerPools).map(([key, pool]) => {
      const name = chooseAnswer(selection, pool, labels);
      const unseen = summary.answers[key]!.scores;
      return [key, { name, temperature: fitTemperature(selection.recipeOof.get(name)!, oofLabels), unseenAccuracy: unseen.accuracy, perClassRecall: unseen.perClassRecall }];
    }),
  );
  // Ship every uncalibrated head (the paper's pyramids are the reproduction) and whatever an answer reads.
  const readBy = (name: string) => (fusions[name] ? fusionMembers(fusions[name]) : [name]);
  const needed = new Set([...plan.heads.filter((h) => !h.calibrated).map((h) => h.name), ...Object.values(answer).flatMap((a) => readBy(a.name))]);
  const shipped = plan.heads.filter((h) => needed.has(h.name));
  // A trained folder an earlier run shipped and this one does not: the app would not load it, so it goes.
  await mkdir(out, { recursive: true });
  for (const entry of await readdir(out, { withFileTypes: true })) {
    const stale = entry.isDirectory() && !needed.has(entry.name) && !reproduction.includes(entry.name) && existsSync(join(out, entry.name, 'model.json'));
    if (stale) await rm(join(out, entry.name), { recursive: true, force: true });
  }
  const all = clips.map((_, i) => i);
  for (const head of shipped) {
    const { variant, l2Index } = selection.choice.get(head.name)!;
    const l2 = fitter.l2s[l2Index]!;
    const [fitted] = fitPath(vectors.get(variant)!, labels, all, [l2]);
    const config = headConfig(head, l2, personScales.get(variant));
    await saveHead(fitted!, config, join(out, head.name));
    await writeFile(join(out, head.name, 'MODEL_CARD.md'), headCard(head.name, config, summary));
    log(`shipped ${head.name} (${variant === head.name ? '' : 'scaled, '}L2 ${l2}, ${fitted!.classifier.inputs} inputs)`);
  }
  // A fused output is an ensemble when it is no head or given output itself, and the app has what it reads (the shipped heads, `general`).
  const readable = new Set([...needed, ...plan.given]);
  const ensembles = Object.fromEntries(
    Object.entries(fusions).filter(([name, spec]) => !plan.heads.some((h) => h.name === name) && !plan.given.includes(name) && fusionMembers(spec).every((m) => readable.has(m))),
  );
  const config = {
    version: 2,
    models: [...shipped.map((h) => h.name), ...reproduction],
    ensembles,
    answer: { ...answer, uncertainBelow: UNCERTAIN_BELOW },
    chosenOn: `leave-one-actor-out over actors ${actors.join(', ')} (npm run rotation); unseen-actor figures from the nested protocol`,
    ...(familiarity && { familiarity }),
  };
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'ensemble.json'), `${JSON.stringify(config, null, 1)}\n`);
  log(`ensemble.json: answer ${answer.alone?.name} alone, ${answer.calibrated?.name} calibrated`);
}

/** RESULTS.md from the nested protocol's summary: the one table of how emolens does on new people. */
import { markdownHeader, markdownRow } from './summary';
import type { ProtocolSummary } from './run';
import { FRAME_AVERAGE } from '../../shared/prediction-keys';
import { ANSWER_CANDIDATES, CANDIDATE_POOL } from './recipes';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The whole RESULTS.md. */
export function resultsMarkdown(s: ProtocolSummary): string {
  const present = s.models[FRAME_AVERAGE]!.perClassRecall.flatMap((r, c) => (r === null ? [] : [c]));
  const answers = Object.entries(s.answers);
  const lines = [
    '# Results on unseen actors (nested leave-one-actor-out)',
    '',
    `Written by \`npm run rotation\` from the feature cache: ${s.clips} clips of actors ${s.actors.join(', ')}. Each actor in turn is the unseen person;`,
    "every setting, member, weight and the answer itself is chosen by a leave-one-actor-out over the other actors only, and the held-out actor's labels are used for its score alone.",
    `The run took ${Math.round(s.seconds)} s (${s.fits} head fits). One clip is ${(100 / s.clips).toFixed(1)} points; differences under ~5 points are noise.`,
    '',
    '## The answer',
    '',
    markdownHeader(present),
    ...answers.map(([k, a]) => markdownRow(`**answer, ${k === 'alone' ? 'each clip alone' : 'calibrated to the person'}**`, a.scores, present)),
    '',
    ...answers.map(
      ([k, a]) =>
        `- ${k}: chosen per fold: ${Object.entries(a.recipes).map(([actor, r]) => `${actor} → ${r}`).join(', ')} (${new Set(Object.values(a.recipes)).size} different in ${Object.keys(a.recipes).length} folds). Confidence: expected calibration error ${pct(a.eceBefore)} before temperature scaling, ${pct(a.eceAfter)} after.`,
    ),
    '',
    "The candidates, fixed in `src/training/protocol/recipes.ts` before the run (each answer's form: over the heads alone, or over their person-calibrated variants where a head has one; the pool is " +
      `${CANDIDATE_POOL.map((m) => `\`${m}\``).join(', ')}):`,
    '',
    ...ANSWER_CANDIDATES.map((c) => `- \`${c.name}\`: ${c.reason}.`),
    '',
    '## Every model and ensemble',
    '',
    'Per-frame baselines (untrained), every head (each with its L2 strength chosen per fold; the paper\'s Temporal-Pyramid heads are the reproduction, not candidates), and the fused candidates, pooled over the seven outer folds. `-cal` heads and `…Cal` ensembles are calibrated to the person.',
    '',
    markdownHeader(present),
    ...Object.entries(s.models).map(([name, m]) => markdownRow(name, m, present)),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

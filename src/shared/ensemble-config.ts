/**
 * `ensemble.json` (public/trained/), written by `npm run rotation -- --ship`: which trained clip
 * models the predictor loads, the fused outputs (§5 ensembles and the audio-visual mix, as
 * FusionSpecs), and emolens's answer — one for a clip alone and one calibrated to the person — with
 * its confidence temperature and how well it did on unseen actors under the nested protocol.
 */
import type { ConfidenceSettings } from '../core/calibration/answer-confidence';
import { checkFusionSpec, fusionMembers, type FusionSpec } from '../core/ensembles/fusion-spec';
import { GENERAL, GENERAL_CALIBRATED, isSpeechModelKey } from './prediction-keys';
import { meanVector } from '../core/vector';
import { checkFamiliarityModel, familiarityOf, type Familiarity, type FamiliarityModel } from '../core/familiarity/familiarity';

/** One of the two answers. */
export interface AnswerChoice {
  /** Its prediction key: a model or an ensemble. */
  name: string;
  /** Temperature that makes its top probability a calibrated confidence. */
  temperature: number;
  /** Accuracy on unseen actors (nested leave-one-actor-out). */
  unseenAccuracy: number;
  /** Recall per class on unseen actors, paper order (null: no clips of that class). */
  perClassRecall: (number | null)[];
}

/** Contents of ensemble.json (version 2). */
export interface EnsembleConfig {
  version: 2;
  /** Trained model folders (relative to the trained root), which are also their prediction keys. */
  models: string[];
  /** Fused outputs by prediction key, over `models` and GIVEN_MEMBERS. */
  ensembles: Record<string, FusionSpec>;
  answer: {
    /** Each clip on its own. */
    alone: AnswerChoice;
    /** With a reference for the person (a folder's group, the camera after calibration, a long video). */
    calibrated?: AnswerChoice;
    /** Below this confidence the app shows the top two emotions as "uncertain". */
    uncertainBelow: number;
  };
  /** Where everything was chosen (one sentence). */
  chosenOn: string;
  /**
   * The training clips' spread of three vectors, and the distance that still counts as familiar
   * (src/core/familiarity): `scene`, the main track's mean context feature (480-d: camera, framing,
   * background); `speech`, the clip's speech features (the voice: a synthetic one reads unlike, a language does not); `face`, the main
   * track's mean 128-d face embedding (who is filmed: other people than our actors' population).
   * Absent: every clip counts as familiar.
   */
  familiarity?: { scene: FamiliarityModel; speech?: FamiliarityModel; face?: FamiliarityModel };
}

/**
 * Outputs an ensemble (or an answer) may read besides the trained models: `general`, the clip's
 * mean of the general networks, which the clip predictor takes from the records, and its form
 * calibrated to the person (from the reference's records).
 */
export const GIVEN_MEMBERS: readonly string[] = Object.freeze([GENERAL, GENERAL_CALIBRATED]);

/** True when an ensemble or an answer of `config` reads `general` (alone or calibrated). */
export function readsGeneral(config: EnsembleConfig): boolean {
  const answers = [config.answer.alone, config.answer.calibrated].flatMap((a) => (a ? [a.name] : []));
  const reads = (name: string) => GIVEN_MEMBERS.includes(name);
  return answers.some(reads) || Object.values(config.ensembles).some((spec) => fusionMembers(spec).some(reads));
}

/** What about a clip can be unlike the training clips: its scene, the person filmed, their voice. */
export type Unlike = 'scene' | 'person' | 'voice';

/** Each part of a clip the familiarity judges: the sentence when it comes first, and its name after "and so is". */
const UNLIKE_IN_WORDS: Record<Unlike, { first: string; also: string }> = {
  scene: { first: 'This video is unlike the clips emolens was trained on (another camera, framing or scene)', also: 'the scene' },
  person: { first: 'The person in this video is unlike the seven actors emolens was trained on', also: 'the person in it' },
  voice: { first: 'The voice in this video is unlike the speech emolens was trained on (a synthetic voice, or a recording unlike ours?)', also: 'the voice' },
};

/** The answer on a clip unlike the training clips (`unlike`: what was), the general-purpose networks, untrained by us, and why in words. */
export function unfamiliarAnswer(unlike: readonly Unlike[]): { name: string; why: string } {
  const [first = 'scene', ...rest] = (['scene', 'person', 'voice'] as const).filter((u) => unlike.includes(u));
  const also = rest.map((u) => UNLIKE_IN_WORDS[u].also);
  const tail = also.length === 0 ? '' : `, and so ${also.length === 1 ? 'is' : 'are'} ${also.join(' and ')}`;
  return { name: GENERAL, why: `${UNLIKE_IN_WORDS[first].first}${tail}. So emolens answers with general-purpose expression networks trained on hundreds of thousands of faces, not with its own trained models.` };
}

/**
 * The scene vector the familiarity's `scene` model reads: the mean context feature of a main
 * track's records (those that have one; `personNet` off leaves it empty); null for none. The app and
 * the training tools both call this, so the shipped spread and the app's clips measure the same thing.
 */
export function sceneVector(records: readonly { contextFeature: Float32Array }[]): Float64Array | null {
  const features = records.flatMap((r) => (r.contextFeature.length ? [r.contextFeature] : []));
  return features.length > 0 ? meanVector(features) : null;
}

/** `vector`'s familiarity under `model`; null without either (or a vector of another length): familiar. */
function familiarityUnder(model: FamiliarityModel | undefined, vector: ArrayLike<number> | null | undefined): Familiarity | null {
  return model && vector && vector.length === model.mean.length ? familiarityOf(model, vector) : null;
}

/** A clip's familiarity by the shipped scene or speech model (all of them together: footageFamiliarity); null without that model or the vector (familiar). */
export function clipFamiliarity(config: EnsembleConfig, which: 'scene' | 'speech', vector: ArrayLike<number> | null | undefined): Familiarity | null {
  return familiarityUnder(config.familiarity?.[which], vector);
}

/** What a clip is judged by — its scene, the person filmed, their voice — and which of them were unlike the training clips. */
export type FootageFamiliarity = Familiarity & { unlike: Unlike[] };

/**
 * The familiarity of a clip: its scene (`sceneVector`), its main face (the track's mean face
 * embedding) and, when the main face is the one speaking, its voice (the clip's speech features),
 * each by its shipped model. Unfamiliar when any is, and `unlike` says which; the score is the
 * largest (≤ 1: familiar). Null when none was measured (no models, no face). A voice that is not the
 * main face's says nothing about the person filmed: the caller passes null for it.
 */
export function footageFamiliarity(
  models: EnsembleConfig['familiarity'],
  { scene, face, voice }: { scene: ArrayLike<number> | null | undefined; face: ArrayLike<number> | null | undefined; voice?: ArrayLike<number> | null },
): FootageFamiliarity | null {
  const parts = [
    ['scene', familiarityUnder(models?.scene, scene)],
    ['person', familiarityUnder(models?.face, face)],
    ['voice', familiarityUnder(models?.speech, voice)],
  ] as const;
  const measured = parts.filter((p): p is readonly [Unlike, Familiarity] => p[1] !== null);
  if (measured.length === 0) return null;
  const unlike = measured.filter(([, f]) => !f.familiar).map(([name]) => name);
  return { score: Math.max(...measured.map(([, f]) => f.score)), familiar: unlike.length === 0, unlike };
}

/**
 * Said when the voice is unlike the training speech and the speech model is left out. Not "another
 * language": people speaking five other languages read as familiar as our own held-out actors, a
 * synthetic voice does not (docs/speech.md, "People speaking other languages").
 */
export const UNFAMILIAR_SPEECH_NOTE =
  'No speech model for this clip: the voice is unlike the speech it was trained on (a synthetic voice, or a recording unlike ours?), so the answer comes from the face models alone.';

/** The answer for a clip alone, or calibrated to its person when `calibrated` and ensemble.json has one. */
export function answerOf(config: EnsembleConfig, calibrated = false): AnswerChoice & { members: string[]; why: string; calibrated: boolean } {
  const useCal = calibrated && config.answer.calibrated !== undefined;
  const choice = useCal ? config.answer.calibrated! : config.answer.alone;
  const spec = config.ensembles[choice.name];
  const members = spec ? fusionMembers(spec) : [choice.name];
  const pct = Math.round(100 * choice.unseenAccuracy);
  const why = useCal
    ? `Calibrated to this person's own clips: on people it had never seen, emolens's trained models were right on ${pct} % of clips after such a calibration.`
    : `This video looks like the clips emolens was trained on, so its trained models answer: on people they had never seen, they were right on ${pct} % of clips, each clip alone.`;
  return { ...choice, members, why, calibrated: useCal };
}

/**
 * Added to the answer's why when the speech model was weighed in it. The voice check cannot tell a
 * language (docs/speech.md, "People speaking other languages"), so the page says what the speech
 * model has heard instead of letting the unseen-people figure stand for every voice.
 */
export const VOICE_WEIGHED_NOTE = 'The voice was weighed too, by a speech model that has only heard Javanese from seven actors; how it hears other languages is not measured.';

/** `answer` with VOICE_WEIGHED_NOTE after its why when one of its members is a speech model and the clip's speech reached it. */
export function withVoiceNote<T extends { members: readonly string[]; why: string }>(answer: T, speechWeighed: boolean): T {
  return speechWeighed && answer.members.some(isSpeechModelKey) ? { ...answer, why: `${answer.why} ${VOICE_WEIGHED_NOTE}` } : answer;
}

/** True when `name` is a fused output of `config` (not a single trained model). */
export function isEnsemble(config: EnsembleConfig, name: string): boolean {
  return name in config.ensembles;
}

/** Throws a TypeError naming the field unless `value` looks like an EnsembleConfig. */
export function checkEnsembleConfig(value: unknown): EnsembleConfig {
  const v = value as Partial<EnsembleConfig> | null;
  if (!v || v.version !== 2) throw new TypeError('ensemble.json: expected version 2 (npm run rotation -- --ship writes it)');
  if (!Array.isArray(v.models) || !v.models.every((s) => typeof s === 'string')) throw new TypeError('ensemble.json: models must be a list of names');
  if (!v.ensembles || typeof v.ensembles !== 'object') throw new TypeError('ensemble.json: ensembles must map names to fusions');
  const readable = [...v.models, ...GIVEN_MEMBERS];
  for (const [name, spec] of Object.entries(v.ensembles)) checkFusionSpec(spec, readable, `ensemble.json: ensembles.${name}`);
  const keys = [...readable, ...Object.keys(v.ensembles)];
  const checkChoice = (c: AnswerChoice | undefined, field: string) => {
    if (!c || !keys.includes(c.name) || !(c.temperature > 0) || !(c.unseenAccuracy >= 0 && c.unseenAccuracy <= 1)) {
      throw new TypeError(`ensemble.json: ${field} must name a model or ensemble, with temperature > 0 and unseenAccuracy in [0, 1]`);
    }
  };
  checkChoice(v.answer?.alone, 'answer.alone');
  if (v.answer?.calibrated !== undefined) checkChoice(v.answer.calibrated, 'answer.calibrated');
  if (!(v.answer!.uncertainBelow >= 0 && v.answer!.uncertainBelow <= 1)) throw new TypeError('ensemble.json: answer.uncertainBelow must be in [0, 1]');
  if (v.familiarity !== undefined) {
    checkFamiliarityModel(v.familiarity.scene, 'ensemble.json: familiarity.scene');
    if (v.familiarity.speech !== undefined) checkFamiliarityModel(v.familiarity.speech, 'ensemble.json: familiarity.speech');
    if (v.familiarity.face !== undefined) checkFamiliarityModel(v.familiarity.face, 'ensemble.json: familiarity.face');
  }
  return v as EnsembleConfig;
}

/** True when some loaded model hears the clip's speech (so the audio track is worth decoding). */
export function hearsSpeech(config: EnsembleConfig): boolean {
  return config.models.some(isSpeechModelKey);
}

/** The confidence settings of an answer: its fitted temperature and the uncertain threshold. */
export function confidenceOf(config: EnsembleConfig, answer: Pick<AnswerChoice, 'temperature'>): ConfidenceSettings {
  return { temperature: answer.temperature, threshold: config.answer.uncertainBelow };
}

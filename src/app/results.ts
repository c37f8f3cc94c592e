/**
 * What the current input found, kept on the page: its session (the clip's records and the vote,
 * per-track predictions of the clip models, the speech features), the networks loaded once in the
 * worker, emolens's answer, and the report built from all of it. Runs (file, folder, camera) start
 * sessions here; the vote, the track panels, the report and the exports read them.
 */
import { describeError, EmolensError } from '../errors';
import { buildReport } from '../pipeline/build-report';
import { averageProbs, meanEmbedding, voteOnClip, type ClipAnalysis } from '../pipeline/clip-analysis';
import type { StageTimer } from '../pipeline/stage-timer';
import type { AnalysisClient } from '../pipeline/worker/analysis-client';
import type { Replies } from '../shared/analysis-protocol';
import { toPrediction, type AnalysisReport, type ClipPrediction, type ReportConversion } from '../shared/analysis-report';
import { answerOf, clipFamiliarity, confidenceOf, footageFamiliarity, hearsSpeech, sceneVector, unfamiliarAnswer, UNFAMILIAR_SPEECH_NOTE, withVoiceNote, type EnsembleConfig } from '../shared/ensemble-config';
import type { ConfidenceSettings } from '../core/calibration/answer-confidence';
import { nobodyInWords, speakerOfClip, speechNoteFor, type ClipSpeaker } from '../pipeline/clip-speaker';
import type { VideoInfo } from '../shared/video-info';
import { convertedWarning } from '../video/conversion';
import type { AnswerNote } from '../store/analysis-slice';
import type { AppStore } from '../store/app-store';
import type { FramePublisher } from './frame-publisher';
import type { Playback } from './playback';
import { yieldToMain } from './yield-to-main';
import { shownAnswer, videoCalibrationNote, videoReference } from './person-calibration';
import type { CalibrationNote } from '../shared/calibration-note';

/** What every run is made from: the worker's client, the page's media and the store. */
export interface RunContext {
  client: AnalysisClient;
  playback: Playback;
  store: AppStore;
}

/** A finished (or running) analysis kept outside the store: it holds typed arrays per face. */
export interface Session {
  fileName: string;
  fps: number | undefined;
  publisher: FramePublisher;
  result: { info: VideoInfo; clip: ClipAnalysis; timer: StageTimer } | null;
  /** Clip-level predictions of the temporal models and ensembles, per track ID (computed on demand). */
  temporal: Map<number, Record<string, ClipPrediction>>;
  /** The clip's speech features (decoded alongside the frames), or why it has none. */
  speech: Promise<Replies['speech']>;
  /** The conversion a file this browser cannot decode went through first (readable-file.ts); null: none. */
  conversion?: ReportConversion | null;
  /** Why the speech model did not answer, once the predictions are made (for the report's warnings). */
  speechNote?: string;
  /** The voice over the steady noise under it (dB), once the predictions are made; null: no speech measured. */
  voiceOverNoiseDb?: number | null;
  /** A single file is its own person reference when long enough; a folder's clips are first predicted alone (false). */
  selfReference?: boolean;
  /** Whether the main track's predictions are calibrated, and why (set with them). */
  calibration?: CalibrationNote;
  /** The answer that applies to the main track's predictions (calibrated when they are). */
  answer?: AnswerNote;
  /** Its temperature and the uncertain threshold (ensemble.json), set with the predictions. */
  confidence?: ConfidenceSettings;
  /** The track whose mouth moves with the voice, once the predictions are made. */
  speaker?: ClipSpeaker;
  /** False: no clip models on this session (`?nets=face` left out the features they read). */
  clipModels?: boolean;
  /** How familiar the main track is to the trained models, once the predictions are made. */
  familiarity?: AnalysisReport['familiarity'];
}


/** A session without sound (the camera is opened without its microphone). */
export const NO_SOUND: Replies['speech'] = { features: null, note: 'the camera is analysed without sound' };
/** A file analysed without trained models that read speech: its audio is not decoded. */
export const NO_SPEECH_MODEL: Replies['speech'] = { features: null, note: 'no trained model reads speech' };

/** The trained clip models as loaded in the worker: the ensemble file that names them. */
export interface LoadedPredictor {
  ensemble: EnsembleConfig;
  /** A loaded model reads a person reference. */
  calibrates: boolean;
}

/** The current session and what is loaded once for every session. */
export interface Results {
  readonly session: Session | null;
  /** Makes `session` the current one: the panels, the report and the exports follow it. */
  show(session: Session): void;
  /** Loads the perception networks in the worker (the worker loads them once, again after a failure). */
  ensureModels(): Promise<void>;
  /** The trained clip models; null (with a notice) when they cannot be loaded. */
  ensurePredictor(): Promise<LoadedPredictor | null>;
  /**
   * The clip models on the current session's main track, then the final vote and views and the
   * predictions, each in a task of its own; the report, or null when another session took over.
   */
  publish(): Promise<AnalysisReport | null>;
  /** After new FaceVoting constants: predictions again for a finished clip, else the views. */
  revote(): void;
  /** Brings the store up to date with the current session now. */
  refresh(): void;
  /** The report of the current file; null before one has been analysed. */
  report(): AnalysisReport | null;
  /** Each track's frame-average label in the current file (the CSV's per-track column); null before a file. */
  trackLabels(): Map<number, string> | null;
}

/** Creates the results of a page. */
export function createResults({ client, store }: RunContext): Results {
  const s = store.getState;
  let session: Session | null = null;
  /** emolens's answer among the predictions (ensemble.json's `answer`) and why, once the trained models loaded. */
  let answer: AnswerNote | null = null;

  /** The person was told that the trained models failed to load (a failed load is final in the worker). */
  let toldPredictorFailed = false;
  // What is loaded is the worker's to know: one call, which the worker answers from its own cache
  // (during a camera run each round trip waits about one analysed picture).
  const ensurePredictor = async (): Promise<LoadedPredictor | null> => {
    if (toldPredictorFailed) return null;
    try {
      const loaded = await client.loadPredictor();
      answer = answerOf(loaded.ensemble);
      return loaded;
    } catch (error) {
      toldPredictorFailed = true;
      s().pushNotice('info', `The temporal models could not be loaded (${describeError(error)}); showing the frame average only.`);
      return null;
    }
  };

  const report = (): AnalysisReport | null => {
    const result = session?.result;
    if (!session || !result) return null;
    const voting = s().analysis.votingConfig;
    const winner = voteOnClip(result.clip, voting).winnerId;
    return buildReport(result.clip, {
      file: session.fileName,
      backend: s().backend.active ?? 'unknown',
      info: result.info,
      sampleFps: session.fps,
      // A conversion (readable-file.ts) ran before the run's own stages: its time beside theirs.
      timingsMs: { ...result.timer.totals(), ...(session.conversion && { convert: session.conversion.seconds * 1000 }) },
      voting,
      extraPredictions: winner === null ? {} : session.temporal.get(winner) ?? {},
      extraWarnings: [
        ...(session.conversion ? [convertedWarning(session.conversion)] : []),
        ...(winner !== null && session.speechNote ? [session.speechNote] : []),
      ],
      answer: (session.answer ?? answer)?.name,
      speaker: session.speaker,
      confidence: session.confidence,
      familiarity: session.familiarity ?? null,
      voiceOverNoiseDb: session.voiceOverNoiseDb ?? null,
      conversion: session.conversion ?? null,
    });
  };

  /** Runs the temporal models and ensembles (§4–5) on the main track, once per track. */
  const predictMainTrack = async (mine: Session) => {
    const result = mine.result;
    if (!result) return;
    const winner = voteOnClip(result.clip, s().analysis.votingConfig).winnerId;
    if (winner === null || mine.temporal.has(winner) || mine.clipModels === false) return;
    const loaded = await ensurePredictor();
    const records = result.clip.tracks.get(winner) ?? [];
    // A long video is its own person reference (docs/calibration.md); a short one is analysed alone.
    const reference = mine.selfReference ? videoReference(records) : [];
    mine.calibration = videoCalibrationNote(reference.length, loaded?.calibrates ?? false);
    if (!loaded) return;
    const { features, note: soundNote, loudness, overNoiseDb, spokenSec, voiceSpanSec } = await mine.speech;
    mine.speaker ??= speakerOfClip(result.clip, loudness ?? null, { spokenSec, voiceSpanSec });
    // Nobody heard speaking (a silent moment beside a fan, music alone): what lies under "the voice"
    // would name a voice that is not there, so the note says nobody speaks and no voice level is given.
    const noVoice = mine.speaker.nobody === 'no-voice';
    const note = noVoice && soundNote ? nobodyInWords(mine.speaker) : soundNote;
    mine.voiceOverNoiseDb = noVoice ? null : (overNoiseDb ?? null);
    // The speech model hears the whole soundtrack: it answers only when the voice is the main face's,
    // and, unless the speaker was calibrated, a voice like the ones it learnt (a synthetic voice is not;
    // a person speaking another language is, as far as these features tell: docs/speech.md).
    const heard = speechNoteFor(mine.speaker, winner, features !== null, result.clip);
    const voiceFamiliarity = mine.calibration?.calibrated ? null : clipFamiliarity(loaded.ensemble, 'speech', features);
    if (note && hearsSpeech(loaded.ensemble)) mine.speechNote = `No speech model for this clip: ${note}, so the audio-visual ensemble answers from the face models alone.`;
    else if (heard && hearsSpeech(loaded.ensemble)) mine.speechNote = heard;
    else if (voiceFamiliarity && !voiceFamiliarity.familiar && hearsSpeech(loaded.ensemble)) mine.speechNote = UNFAMILIAR_SPEECH_NOTE;
    const speech = heard || (voiceFamiliarity && !voiceFamiliarity.familiar) ? null : features;
    const probs = await result.timer.time('temporalModels', () => client.predict({ records, speech }, mine.calibration?.calibrated ? reference : undefined));
    mine.temporal.set(winner, Object.fromEntries(Object.entries(probs).map(([name, p]) => [name, toPrediction(p)])));
    // A clip filmed unlike the training clips, of a person unlike our actors, or whose main face
    // speaks with a voice unlike theirs (a synthetic one), gets the general networks' answer: the
    // trained heads learnt seven Javanese actors filmed one way, and off that footage they fall below
    // the untrained networks. A voice that is someone else's says nothing of the face: not weighed.
    const voice = mine.speaker.trackId === winner ? features : null;
    mine.familiarity = footageFamiliarity(loaded.ensemble.familiarity, { scene: sceneVector(records), face: meanEmbedding(records), voice });
    if (mine.familiarity && !mine.familiarity.familiar) {
      mine.answer = unfamiliarAnswer(mine.familiarity.unlike ?? []);
      mine.confidence = confidenceOf(loaded.ensemble, { temperature: 1 });
      return;
    }
    const shown = withVoiceNote(shownAnswer(loaded.ensemble, probs), speech !== null);
    mine.answer = shown;
    mine.confidence = confidenceOf(loaded.ensemble, shown);
  };

  const publish = async () => {
    const mine = session;
    if (mine) await predictMainTrack(mine);
    if (mine !== session) return null;
    // The final vote and views, then the predictions, each in its own task: the clip usually still
    // plays when its analysis ends, and one task doing all of it would stall the picture.
    mine?.publisher.refresh();
    await yieldToMain();
    if (mine !== session) return null;
    const built = report();
    const shown = mine?.answer ?? answer;
    if (built) {
      const { confidence, answerProbs, uncertain, uncertainty, speaker } = built;
      s().setPredictions(built.predictions, built.warnings, built.answer && shown ? shown : null, { confidence, answerProbs, uncertain, uncertainty, speaker });
    }
    if (built && mine?.selfReference) s().setCalibration(mine.calibration ?? null);
    await yieldToMain();
    return built;
  };

  return {
    get session() {
      return session;
    },
    show(next) {
      session = next;
    },
    ensureModels: () =>
      client.loadModels().catch((error: unknown) => {
        throw new EmolensError(`The face and person models could not be loaded (${describeError(error)}).`, { cause: error });
      }),
    ensurePredictor,
    publish,
    revote() {
      if (session?.result) void publish();
      else session?.publisher.refresh();
    },
    refresh() {
      session?.publisher.refresh();
    },
    report,
    trackLabels() {
      const clip = session?.result?.clip;
      return clip ? new Map([...clip.tracks].map(([id, recs]) => [id, toPrediction(averageProbs(recs)).label as string])) : null;
    },
  };
}

/**
 * The analysis worker's methods, called by the page over src/shared/rpc-wire.ts. The worker owns
 * the networks, tfjs and what is loaded; the page owns what is shown (the clip, the vote, the
 * overlay). An analysis run streams `opened` / `tracked` events; a camera run also takes the
 * page's pictures as notices.
 */
import type { TrackerConfig } from '../core/tracking/tracker';
import type { BackendName, BackendStatus } from './backend';
import type { EnsembleConfig } from './ensemble-config';
import type { CameraPicture, ClipInput, TrackedFrame } from './face-record';
import type { PerceptionConfig } from './perception-config';
import type { Rotation, TurnFound, VideoInfo } from './video-info';
import type { LoudnessEnvelope } from '../core/audio/loudness-envelope';
import type { SpeechInput } from '../core/audio/speech-features';

/** Absolute URLs of what the worker loads (its own URL is under assets/, so relative ones would miss). */
export interface WorkerUrls {
  wasm: string;
  models: string;
  trained: string;
}

/** Per-run settings shared by files and streams. */
export interface RunSettings {
  tracker?: Partial<TrackerConfig>;
  perception?: Partial<PerceptionConfig>;
  historySec?: number;
}

/** A run's events: the file opened (files only), then each tracked frame (its bitmap transferred to the page). */
export type RunEvent = { type: 'opened'; info: VideoInfo } | { type: 'tracked'; frame: TrackedFrame };

/** What the page sends a camera run: a grabbed picture (transferred), or the end of the stream. */
export type StreamNotice = { type: 'frame'; frameIndex: number; tSec: number; picture: CameraPicture; mainTrackId?: number | null; clipNets?: boolean } | { type: 'end' };

/** What a finished run answers: stage timings and the tensors it left behind (0 when it leaks none). */
export interface RunResult {
  timings: Record<string, number[]>;
  tensorDelta: number;
}

/** Where a load-once part of the worker stands. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

/** The worker's readiness, owned by the worker: the page asks instead of keeping a copy. */
export interface WorkerStatus {
  /** The started backend, or null before `init`. */
  backend: BackendStatus | null;
  /** The perception networks (loaded again after a failure). */
  models: LoadState;
  /** The trained clip models: a failure is final (the trained folder does not change while the page is open). */
  predictor: LoadState;
}

/** The trained clip models as loaded: their prediction keys and ensemble settings; `calibrates`: a loaded model reads a person reference. */
export interface PredictorInfo {
  names: string[];
  ensemble: EnsembleConfig;
  calibrates: boolean;
}

/**
 * The clip's speech features, or null and why there are none (no audio track, no speech, …); and
 * its loudness envelope whenever there is sound (for crediting the voice to the face that speaks).
 */
export type SpeechReply = SpeechInput & { loudness?: LoudnessEnvelope };

/** tf.memory() of the worker, and the size of the WASM backend's memory (WASM only). */
export interface MemoryReply {
  /** Live tensors of the analysis worker and, where it runs, the general worker. */
  numTensors: number;
  numBytes: number;
  wasmMemoryBytes?: number;
  /** Of `numTensors`, the general worker's (WASM: src/pipeline/general-nets.ts). */
  generalWorkerTensors?: number;
}

type NoArgs = Record<string, never>;

/** The analysis worker's methods (over src/shared/rpc-wire.ts). Runs are `analyzeFile` and `analyzeStream`; cancelling one stops it. */
export interface AnalysisApi {
  init: { args: { forced?: BackendName; urls: WorkerUrls }; reply: BackendStatus };
  status: { args: NoArgs; reply: WorkerStatus };
  loadModels: { args: NoArgs; reply: null };
  loadPredictor: { args: NoArgs; reply: PredictorInfo };
  probe: { args: { file: Blob }; reply: VideoInfo };
  /** `turn`: a clockwise turn beyond the file's own orientation (VideoInfo.turn; `findTurn` finds it). */
  analyzeFile: { args: { file: Blob; fps?: number; settings: RunSettings; turn?: Rotation }; reply: RunResult; event: RunEvent };
  /** Whether a file whose run found no main face, or one in doubt, is stored turned without a tag: the turn that shows faces clearly better (0: none does), from a few frames (src/pipeline/find-turn.ts); `search`: with the detector's search for small faces (`lookSearches`). */
  findTurn: { args: { file: Blob; durationSec: number; search: boolean }; reply: TurnFound };
  analyzeStream: { args: { size: { width: number; height: number }; settings: RunSettings }; reply: RunResult; event: RunEvent; notice: StreamNotice };
  speech: { args: { file: Blob }; reply: SpeechReply };
  predict: { args: { clip: ClipInput; reference?: ClipInput[]; answersOnly?: boolean }; reply: Record<string, Float32Array> };
  memory: { args: NoArgs; reply: MemoryReply };
}

/** The answers, by method. */
export type Replies = { [K in keyof AnalysisApi]: AnalysisApi[K]['reply'] };

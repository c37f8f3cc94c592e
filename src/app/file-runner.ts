/**
 * Analysing one file: probe it (a file that cannot be read must not cost what is on screen), play
 * it while the analysis worker decodes and analyses its sampled frames, then the clip models and
 * the report. A folder's clips go through `analyse` one after another.
 */
import { describeError } from '../errors';
import { convertingNotice } from '../video/conversion';
import type { AnalysisReport } from '../shared/analysis-report';
import type { Rotation } from '../shared/video-info';
import { hearsSpeech } from '../shared/ensemble-config';
import { fileNetsOf, filePerception } from './file-nets';
import { createFramePublisher } from './frame-publisher';
import { NO_SPEECH_MODEL, type Results, type RunContext, type Session } from './results';
import { convertOnDevice, readableFile, type ReadableDeps, type ReadableFile } from './readable-file';
import type { RunSlot } from './run-slot';
import { yieldToMain } from './yield-to-main';
import { medianFaceSide, voteOnClip, type ClipAnalysis } from '../pipeline/clip-analysis';
import { lookSearches, turnInDoubt } from '../pipeline/find-turn-frames';

/** File runs. */
export interface FileRunner {
  /**
   * Opens `file`, cancelling whatever ran before, plays it and analyses it at the store's sampling
   * rate; `keepFolder`: a finished folder's clip, whose results stay on the page (`RunSlot.begin`).
   */
  open(file: File, keepFolder?: boolean): Promise<void>;
  /**
   * Decodes and analyses `file` within `run` into a new session; its report (null when canceled).
   * A file this browser cannot decode is converted first (readable-file.ts). A file in which no
   * face is found, or whose main face may be upright only turned (upside down, Tiny Face still finds
   * some), is looked at turned (find-turn.ts) and, if a turn shows faces better, analysed again with it.
   */
  analyse(file: File, run: AbortController, selfReference?: boolean): Promise<AnalysisReport | null>;
}

/** The second pass over a file stored turned: its turn, the first pass's speech (the sound is the same), and what the first pass and the look took (ms). */
interface TurnedPass {
  turn: Rotation;
  speech: Session['speech'];
  uprightMs: number;
  lookMs: number;
}

/** Creates the file runner of a page. */
export function createFileRunner({
  client,
  playback,
  store,
  slot,
  results,
  convert = convertOnDevice,
}: RunContext & { slot: RunSlot; results: Results; convert?: ReadableDeps['convert'] }): FileRunner {
  const s = store.getState;
  const readable: ReadableDeps = {
    probe: (file) => client.probe(file),
    convert,
    onConverting(fileName, cause, kind) {
      const id = s().pushNotice('info', convertingNotice(fileName, cause, kind));
      let shown = 0;
      return {
        // In whole tenths: FFmpeg reports every frame, the banner need not redraw as often.
        progress(fraction) {
          const tenths = Math.floor(fraction * 10);
          if (tenths === shown) return;
          shown = tenths;
          s().updateNotice(id, convertingNotice(fileName, cause, kind, fraction));
        },
        done: () => s().dismissNotice(id),
      };
    },
  };

  const analyse = async ({ file, conversion }: ReadableFile, run: AbortController, selfReference = true, turned?: TurnedPass): Promise<AnalysisReport | null> => {
    const fps = s().video.sampleFps;
    // A folder's clips share one playback: the last clip's overlay and thumbnails must go.
    playback.clearAnalysis();
    const publisher = createFramePublisher(store, playback, false, run.signal);
    const nets = fileNetsOf(globalThis.location?.search ?? '');
    const mine: Session = { fileName: file.name, fps, publisher, result: null, temporal: new Map(), speech: Promise.resolve(NO_SPEECH_MODEL), selfReference, clipModels: !nets, conversion };
    results.show(mine);
    const [, trained] = await Promise.all([results.ensureModels(), nets ? null : results.ensurePredictor()]);
    run.signal.throwIfAborted();
    // The audio is decoded while the frames are analysed, and only when a speech model will hear it;
    // a failure only costs the speech model.
    if (turned) mine.speech = turned.speech;
    else if (trained && hearsSpeech(trained.ensemble)) {
      mine.speech = client.speech(file).catch((error: unknown) => ({ features: null, note: `its audio could not be read (${describeError(error)})` }));
    }
    const started = performance.now();
    // A folder's clip (no self-reference) is grouped by face afterwards: see FOLDER_CLIP_PERCEPTION.
    const perception = filePerception(nets, !selfReference);
    const result = await client.analyzeVideo(file, {
      fps,
      ...(perception && { perception }),
      ...(turned && { turn: turned.turn }),
      signal: run.signal,
      onOpened: (info) => {
        run.signal.throwIfAborted();
        s().videoOpened(info);
        playback.frameSize = { width: info.width, height: info.height };
        // Playback starts with the analysis (models loaded) and from then on never waits for it.
        // Starting the media pipeline costs tens of ms: a task of its own, not the render's.
        void yieldToMain().then(() => {
          if (!run.signal.aborted) playback.play();
        });
      },
      onFrame: (update) => {
        if (run.signal.aborted) return;
        publisher.onFrame(update, (update.analysed * 1000) / Math.max(1, performance.now() - started));
      },
    });
    if (run.signal.aborted) return null;
    // No main face upright, or one that may be upright only turned: a picture stored sideways or
    // upside down without a rotation tag shows faces turned (some of which Tiny Face still finds).
    const look = !turned && result.clip.sampledFrames > 0 ? turnLookFor(result.clip, s().analysis.votingConfig, result.info) : null;
    if (look) {
      const lookStarted = performance.now();
      const found = await client.findTurn(file, result.info.durationSec, look.search).catch(() => null); // a failed look leaves the upright answer
      if (run.signal.aborted) return null;
      const lookMs = performance.now() - lookStarted;
      if (found?.turn) return analyse({ file, conversion }, run, selfReference, { turn: found.turn, speech: mine.speech, uprightMs: lookStarted - started, lookMs });
      result.timer.add('turnLook', lookMs);
    }
    // The report's timings say what finding the turn cost: the look, and the pass upright before it.
    if (turned) {
      result.timer.add('turnLook', turned.lookMs);
      result.timer.add('uprightPass', turned.uprightMs);
    }
    mine.result = result;
    // Tracks joined across cuts: the overlay and the crops follow the clip's IDs.
    playback.buffer.relabel(result.joins);
    playback.thumbnails.relabel(result.joins);
    playback.analysisDone = true;
    const report = await results.publish();
    // A new input may have started meanwhile: its progress is not this run's to finish.
    if (run.signal.aborted) return null;
    s().videoDone(result.tensorDelta);
    return report;
  };

  return {
    analyse: async (file, run, selfReference) => analyse(await readableFile(file, readable, run.signal), run, selfReference),
    async open(file, keepFolder = false) {
      // A file that cannot be read must not cost what is on screen: it is probed, and converted when
      // it must be, before its run begins (a new input or the cancel button stops a conversion).
      const preparing = slot.prepare();
      let input: ReadableFile;
      try {
        input = await readableFile(file, readable, preparing.signal);
      } catch (error) {
        if (!preparing.signal.aborted) s().pushNotice('error', `${file.name}: ${describeError(error)}`);
        return;
      }
      if (preparing.signal.aborted) return;
      const run = slot.begin(file.name, 'file', keepFolder);
      try {
        playback.loadFile(input.file);
        await analyse(input, run);
      } catch (error) {
        slot.fail(run, error, `${file.name}: `);
      } finally {
        slot.finish(run);
      }
    },
  };
}

/**
 * The look for a turned picture a clip needs, or null: its picture may be upright only turned when
 * it has no main face (nobody, or only brief and unsure tracks: a sideways face found on a frame or
 * two) or a main face in doubt (find-turn-frames.ts: `turnInDoubt`). The look leaves out the
 * detector's search for small faces when that face is large (`lookSearches`); `size`: the video's,
 * whose pixels the boxes are in.
 */
function turnLookFor(clip: ClipAnalysis, voting: Parameters<typeof voteOnClip>[1], size: { width: number; height: number }): { search: boolean } | null {
  const main = voteOnClip(clip, voting).winnerId;
  const records = main === null ? undefined : clip.tracks.get(main);
  if (records !== undefined && !turnInDoubt(records, clip.sampledFrames, records.totals.appearances)) return null;
  return { search: lookSearches(records ? medianFaceSide(records) : null, size.width, size.height) };
}

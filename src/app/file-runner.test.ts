import { describe, expect, it } from 'vitest';
import { createFileRunner } from './file-runner';
import { testFile, testRunContext, type ScriptedClip } from './test-helpers';

const HAPPINESS = 3;
const SURPRISE = 6;

function setUp(clips: Record<string, ScriptedClip>) {
  const context = testRunContext(clips);
  return { ...context, files: createFileRunner(context) };
}

describe('file runner', () => {
  it('analyses a file into the store and its report: main track by FaceVoting, frame average', async () => {
    // Track 2 is in every frame, track 1 in two of eight: FaceVoting picks 2, and its emotion answers.
    const frames = Array.from({ length: 8 }, (_, i) => (i < 2 ? [1, 2] : [2]));
    const { store, results, files, playback } = setUp({ 'x.mp4': { frames, emotion: SURPRISE } });
    await files.open(testFile('x.mp4'));
    const state = store.getState();
    expect(state.video).toMatchObject({ phase: 'done', fileName: 'x.mp4', framesDecoded: 8, tensorDelta: 0 });
    expect(state.analysis.vote?.winnerId).toBe(2);
    expect(state.analysis.predictions.frameAverage?.label).toBe('surprise');
    // The trained models are missing here: the app says so and shows the frame average.
    expect(state.notices.map((n) => n.kind)).toEqual(['info']);
    const report = results.report();
    expect(report).toMatchObject({ file: 'x.mp4', mainTrackId: 2, sampledFrames: 8 });
    expect(report?.tracks.map((t) => [t.id, t.frames])).toEqual([
      [1, 2],
      [2, 8],
    ]);
    expect(results.trackLabels()).toEqual(new Map([[1, 'surprise'], [2, 'surprise']]));
    expect(playback.analysisDone).toBe(true);
  });

  it("gives a folder clip's faces their mirror-averaged embedding (it will be grouped by face); a single file none", async () => {
    const { files, client } = setUp({ 'x.mp4': { frames: [[1], [1]], emotion: HAPPINESS } });
    await files.open(testFile('x.mp4'));
    await files.analyse(testFile('x.mp4'), new AbortController(), false);
    expect(client.perceptions).toEqual([undefined, { mirrorEmbedding: true }]);
  });

  it('analyses a picture stored sideways without a rotation tag again, turned, when upright shows nobody', async () => {
    const frames = Array.from({ length: 6 }, () => [1]);
    const { store, results, files, client } = setUp({ 'sideways.mp4': { frames, emotion: SURPRISE, storedTurn: 90 }, 'empty.mp4': { frames: [[], []], emotion: SURPRISE } });
    await files.open(testFile('sideways.mp4'));
    expect(client.analysed).toEqual(['sideways.mp4', 'sideways.mp4']);
    expect(store.getState().video).toMatchObject({ phase: 'done', info: { width: 240, height: 320, turn: 90 } });
    const report = results.report();
    expect(report).toMatchObject({ mainTrackId: 1, video: { width: 240, height: 320 } });
    expect(report?.warnings[0]).toContain('turned it 90° clockwise');
    expect(store.getState().analysis.predictions.frameAverage?.label).toBe('surprise');
    // A video with nobody in it, turned or not, is analysed once and says so.
    await files.open(testFile('empty.mp4'));
    expect(client.analysed.slice(2)).toEqual(['empty.mp4']);
    expect(results.report()?.warnings[0]).toMatch(/^No face was found in this video\. Faces were looked for upright, and .* turned/);
    expect(store.getState().video.info?.turn).toBeUndefined();
    // Nobody upright: the look keeps the detector's search for small faces (a far face stored turned).
    expect(client.looks).toEqual([{ file: 'sideways.mp4', search: true }, { file: 'empty.mp4', search: true }]);
  });

  it('analyses a picture stored upside down again, turned, when its faces were found upright only with the face check in doubt', async () => {
    const frames = Array.from({ length: 6 }, () => [1]);
    const { store, results, files, client } = setUp({ 'upside-down.mp4': { frames, emotion: SURPRISE, storedTurn: 180, seenTurned: true }, 'upright.mp4': { frames, emotion: SURPRISE },
      'brief.mp4': { frames: [[1], [], [], [], [], [], [], [], [], []], emotion: SURPRISE, storedTurn: 90, seenTurned: true },
    });
    await files.open(testFile('upside-down.mp4'));
    expect(client.analysed).toEqual(['upside-down.mp4', 'upside-down.mp4']);
    expect(store.getState().video.info?.turn).toBe(180);
    expect(results.report()?.warnings[0]).toContain('turned it 180° clockwise');
    expect(store.getState().analysis.predictions.frameAverage?.label).toBe('surprise');
    // Faces the check is sure of: one run, no look.
    await files.open(testFile('upright.mp4'));
    expect(client.analysed.slice(2)).toEqual(['upright.mp4']);
    expect(store.getState().video.info?.turn).toBeUndefined();
    // A sideways face found on one frame of ten: a brief track, no main face — looked at turned too.
    await files.open(testFile('brief.mp4'));
    expect(client.analysed.slice(3)).toEqual(['brief.mp4', 'brief.mp4']);
    expect(store.getState().video.info?.turn).toBe(90);
    // The upside-down face was large (80 px of 320): the same face turned is, so the look skips the
    // search for small faces; the brief track gave no main face, so that look keeps it.
    expect(client.looks).toEqual([{ file: 'upside-down.mp4', search: false }, { file: 'brief.mp4', search: true }]);
  });

  it('keeps what is on screen when a file cannot be read', async () => {
    const { store, files, results } = setUp({ 'x.mp4': { frames: [[1], [1]], emotion: HAPPINESS } });
    await files.open(testFile('x.mp4'));
    await files.open(testFile('notes.txt'));
    expect(store.getState().notices.at(-1)).toMatchObject({ kind: 'error', text: 'notes.txt: Something went wrong: not a video' });
    expect(store.getState().video).toMatchObject({ phase: 'done', fileName: 'x.mp4' });
    expect(results.report()?.file).toBe('x.mp4');
  });

  it('a second file cancels the first: only the second one’s results land', async () => {
    const long = { frames: Array.from({ length: 40 }, () => [1]), emotion: HAPPINESS };
    const { store, files, results, client } = setUp({ 'a.mp4': long, 'b.mp4': { frames: [[1], [1], [1]], emotion: SURPRISE } });
    const first = files.open(testFile('a.mp4'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await Promise.all([first, files.open(testFile('b.mp4'))]);
    expect(client.analysed).toEqual(['a.mp4', 'b.mp4']);
    expect(store.getState().video).toMatchObject({ phase: 'done', fileName: 'b.mp4', framesDecoded: 3 });
    expect(store.getState().analysis.predictions.frameAverage?.label).toBe('surprise');
    expect(results.report()?.file).toBe('b.mp4');
  });
});

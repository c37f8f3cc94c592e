import { describe, expect, it } from 'vitest';
import { createFileRunner } from './file-runner';
import { createFolderRunner } from './folder-runner';
import { testFile, testRunContext, type ScriptedClip } from './test-helpers';
import { NO_FACE_HINT } from '../pipeline/build-report';
import { buildFolderAnswers } from '../shared/folder-answers';
import { noVideoMessage } from '../shared/folder-labels';

const HAPPINESS = 3;
const SADNESS = 5;

function setUp(clips: Record<string, ScriptedClip>) {
  const context = testRunContext(clips);
  return { ...context, folder: createFolderRunner({ ...context, files: createFileRunner(context) }) };
}

describe('folder runner', () => {
  it('shows only the current clip’s thumbnails under its tracks (track IDs restart with each clip)', async () => {
    // Both clips have a track 1; the first has more frames than the panel keeps (8), so its crops
    // would be thinned and mixed with the second clip's if they were not forgotten.
    const { client, store, playback, folder } = setUp({
      'a.mp4': { frames: Array.from({ length: 12 }, () => [1]), emotion: HAPPINESS },
      'b.mp4': { frames: Array.from({ length: 5 }, () => [1, 2]), emotion: SADNESS },
    });
    const shownDuringB: string[][] = [];
    const unsubscribe = store.subscribe((state) => {
      if (state.evaluation.current === 'b.mp4' && state.analysis.trackView) shownDuringB.push(playback.thumbnails.get(state.analysis.trackView.trackId).map((t) => t.url));
    });
    await folder.open([testFile('a.mp4'), testFile('b.mp4'), testFile('labels.csv', 'file,label\na.mp4,happy\nb.mp4,sad\n')]);
    unsubscribe();

    expect(client.analysed).toEqual(['a.mp4', 'b.mp4']);
    expect(store.getState().evaluation.phase).toBe('done');
    expect(store.getState().evaluation.report?.models.frameAverage?.accuracy).toBe(1);
    // While b played and after: track 1 holds b's five crops, in order, and nothing of a's.
    expect(shownDuringB.length).toBeGreaterThan(0);
    for (const urls of shownDuringB) for (const url of urls) expect(url).toMatch(/^b\.mp4#/);
    expect(playback.thumbnails.get(1).map((t) => t.url)).toEqual([0, 1, 2, 3, 4].map((i) => `b.mp4#${i}`));
    // The overlay holds b's frames only.
    expect(playback.buffer.size).toBe(5);
  });

  it('counts a clip that fails or has no face as wrong, with its reason, and goes on', async () => {
    const { store, folder } = setUp({
      'face.mp4': { frames: [[1], [1], [1]], emotion: SADNESS },
      'empty.mp4': { frames: [[], []], emotion: SADNESS },
    });
    const csv = 'file,label\nface.mp4,sad\nempty.mp4,sad\nbroken.mp4,happy\nmissing.mp4,sad\n';
    await folder.open([testFile('face.mp4'), testFile('empty.mp4'), testFile('broken.mp4'), testFile('labels.csv', csv)]);
    const { report, phase } = store.getState().evaluation;
    expect(phase).toBe('done');
    expect(report?.clips).toBe(3);
    expect(report?.failures).toEqual([
      { file: 'empty.mp4', reason: `No face was found in this video.${NO_FACE_HINT}` },
      { file: 'broken.mp4', reason: 'Something went wrong: not a video' },
    ]);
    expect(report?.labelErrors.map((e) => e.line)).toEqual([5]);
    expect(report?.models.frameAverage?.accuracy).toBeCloseTo(1 / 3, 6);
  });

  it("opens a finished folder's clip in the player with the folder's results kept, until another input starts", async () => {
    const context = testRunContext({
      'a.mp4': { frames: [[1], [1]], emotion: SADNESS },
      'b.mp4': { frames: [[1], [1], [1]], emotion: HAPPINESS },
      'c.mp4': { frames: [[1]], emotion: HAPPINESS },
    });
    const files = createFileRunner(context);
    const folder = createFolderRunner({ ...context, files });
    const { store, client } = context;
    // Nothing opens while the folder runs (it would cancel the folder): tried as its second clip starts.
    const tries: Promise<void>[] = [];
    const unsubscribe = store.subscribe((state) => {
      if (state.evaluation.current === 'b.mp4' && tries.length === 0) tries.push(folder.openClip('a.mp4'));
    });
    await folder.open([testFile('a.mp4'), testFile('b.mp4'), testFile('labels.csv', 'file,label\na.mp4,sad\nb.mp4,happy\n')]);
    unsubscribe();
    await Promise.all(tries);
    expect(tries).toHaveLength(1);
    expect(store.getState().evaluation.phase).toBe('done');
    const report = store.getState().evaluation.report;
    expect(client.analysed).toEqual(['a.mp4', 'b.mp4']);
    await folder.openClip('b.mp4');
    expect(client.analysed).toEqual(['a.mp4', 'b.mp4', 'b.mp4']);
    expect(store.getState().video).toMatchObject({ source: 'file', fileName: 'b.mp4', phase: 'done' });
    expect(store.getState().evaluation).toMatchObject({ phase: 'done', openedClip: 'b.mp4', report });
    // A name the folder did not hold opens nothing.
    await folder.openClip('nope.mp4');
    expect(client.analysed).toHaveLength(3);
    // Another file is a new input: the folder's results go.
    await files.open(testFile('c.mp4'));
    expect(store.getState().evaluation).toMatchObject({ phase: 'idle', openedClip: null, report: null });
  });

  it('answers each video of a folder without labels, and scores nothing', async () => {
    const { store, folder, client } = setUp({
      'a.mp4': { frames: [[1], [1]], emotion: SADNESS },
      'b.mp4': { frames: [[1], [1], [1]], emotion: HAPPINESS },
      'empty.mp4': { frames: [[], []], emotion: SADNESS },
    });
    await folder.open([testFile('a.mp4'), testFile('notes.txt'), testFile('b.mp4'), testFile('empty.mp4')]);
    // Only the videos are clips (not the note).
    expect(client.analysed).toEqual(['a.mp4', 'b.mp4', 'empty.mp4']);
    const ev = store.getState().evaluation;
    expect(ev).toMatchObject({ mode: 'answers', phase: 'done', total: 3, done: 3, report: null });
    const { clips } = buildFolderAnswers(ev.answers, ev.calibratedAnswers, ev.groups);
    expect(clips.map((c) => [c.file, c.answer, c.calibrated, c.failure === null])).toEqual([
      ['a.mp4', 'sadness', 'sadness', true],
      ['b.mp4', 'happiness', 'happiness', true],
      ['empty.mp4', null, null, false],
    ]);
    expect(clips[2]!.failure).toMatch(/^No face was found/);
  });

  it('refuses files with no video and no labels, keeping what the page showed', async () => {
    const { store, folder, client } = setUp({ 'a.mp4': { frames: [[1]], emotion: SADNESS } });
    await folder.open([testFile('notes.txt'), testFile('photo.jpg')]);
    expect(client.analysed).toEqual([]);
    expect(store.getState().video.phase).toBe('idle');
    expect(store.getState().evaluation.phase).toBe('idle');
    expect(store.getState().notices.at(-1)?.text).toBe(noVideoMessage(2));
  });
});

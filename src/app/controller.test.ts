import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/app-store';
import { createController } from './controller';
import { fakeAnalysisClient, testFile, testPlayback } from './test-helpers';

const HAPPINESS = 3;
const SADNESS = 5;

describe('controller, folder runs', () => {
  it('shows only the current clip’s thumbnails under its tracks (track IDs restart with each clip)', async () => {
    // Both clips have a track 1; the first has more frames than the panel keeps (8), so its crops
    // would be thinned and mixed with the second clip's if they were not forgotten.
    const client = fakeAnalysisClient({
      'a.mp4': { frames: Array.from({ length: 12 }, () => [1]), emotion: HAPPINESS },
      'b.mp4': { frames: Array.from({ length: 5 }, () => [1, 2]), emotion: SADNESS },
    });
    const store = createAppStore();
    const playback = testPlayback();
    const controller = createController(store, client, playback);
    const shownDuringB: string[][] = [];
    const unsubscribe = store.subscribe((state) => {
      if (state.evaluation.current === 'b.mp4' && state.analysis.trackView) shownDuringB.push(playback.thumbnails.get(state.analysis.trackView.trackId).map((t) => t.url));
    });

    await controller.openFolder([testFile('a.mp4'), testFile('b.mp4'), testFile('labels.csv', 'file,label\na.mp4,happy\nb.mp4,sad\n')]);
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
});

import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/app-store';
import { createController } from './controller';
import { fakeAnalysisClient, testFile, testPlayback } from './test-helpers';

const SADNESS = 5;

describe('controller', () => {
  it('routes each action: backend and sampling rate from the URL, a file, the vote, the shown track', async () => {
    // Track 2 is in every frame, track 1 (larger face) in three of eight.
    const frames = Array.from({ length: 8 }, (_, i) => (i < 3 ? [1, 2] : [2]));
    const store = createAppStore();
    const controller = createController(store, fakeAnalysisClient({ 'x.mp4': { frames, emotion: SADNESS } }), testPlayback());

    await controller.startBackend('?backend=wasm&fps=all');
    expect(store.getState().backend).toMatchObject({ phase: 'ready', active: 'wasm' });
    expect(store.getState().video.sampleFps).toBeUndefined();

    await controller.openFile(testFile('x.mp4'));
    expect(controller.report()).toMatchObject({ file: 'x.mp4', mainTrackId: 2, sampleFps: null });
    expect(store.getState().analysis.trackView?.trackId).toBe(2);

    // Without the frequency term the larger face wins: the vote, the report and the panels follow.
    controller.setVotingConfig({ cFreq: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.getState().analysis.vote?.winnerId).toBe(1);
    expect(controller.report()?.mainTrackId).toBe(1);
    expect(store.getState().analysis.trackView?.trackId).toBe(1);

    controller.selectTrack(2);
    expect(store.getState().analysis.trackView?.trackId).toBe(2);
    controller.cancel();
    expect(store.getState().video.phase).toBe('done');
    expect(controller.evaluationReport()).toBeNull();
  });
});

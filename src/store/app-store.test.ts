import { describe, expect, it } from 'vitest';
import { createAppStore } from './app-store';

describe('app store', () => {
  it('keeps the sampling rate when a new video starts and resets its progress', () => {
    const store = createAppStore();
    store.getState().setSampleFps(10);
    store.getState().videoOpening('a.mp4');
    store.getState().videoProgress(12, 1.1, 300);
    store.getState().videoOpening('b.mp4');
    const v = store.getState().video;
    expect(v).toMatchObject({ phase: 'opening', fileName: 'b.mp4', framesDecoded: 0, sampleFps: 10 });
  });

  it('numbers each opened input, so a same-named file dropped again is a new run', () => {
    const store = createAppStore();
    const s = store.getState;
    expect(s().video.run).toBe(0);
    s().videoOpening('a.mp4');
    s().videoDone(0);
    s().videoOpening('a.mp4');
    expect(s().video).toMatchObject({ run: 2, phase: 'opening', fileName: 'a.mp4' });
    s().videoIdle();
    expect(s().video.run).toBe(2);
  });

  it('clears errors without dropping info notices', () => {
    const store = createAppStore();
    store.getState().pushNotice('info', 'fell back to wasm');
    store.getState().pushNotice('error', 'not a video');
    store.getState().clearErrors();
    expect(store.getState().notices.map((n) => n.kind)).toEqual(['info']);
  });

  it('rewrites a notice still shown (a conversion\'s progress), and not one dismissed', () => {
    const store = createAppStore();
    const s = store.getState;
    const id = s().pushNotice('info', 'Converting a.mov… ');
    s().updateNotice(id, 'Converting a.mov… 40 % done.');
    expect(s().notices).toEqual([{ id, kind: 'info', text: 'Converting a.mov… 40 % done.' }]);
    s().dismissNotice(id);
    s().updateNotice(id, 'Converting a.mov… 50 % done.');
    expect(s().notices).toEqual([]);
  });

  it('cancels a running file or folder: both say so, keep their results, and ignore late frames', () => {
    const store = createAppStore();
    const s = store.getState;
    s().evaluationStarted(3, []);
    s().videoOpening('a.mp4', 'folder');
    s().videoProgress(12, 2.4, 30);
    s().runCanceled();
    expect(s().video).toMatchObject({ phase: 'canceled', framesDecoded: 12, lastTSec: 2.4 });
    expect(s().evaluation).toMatchObject({ phase: 'canceled', total: 3 });
    s().videoProgress(13, 2.6, 30);
    s().videoDone(0);
    expect(s().video).toMatchObject({ phase: 'canceled', framesDecoded: 12 });
    // A new input starts afresh.
    s().videoOpening('b.mp4');
    expect(s().video.phase).toBe('opening');
  });

  it('leaves a finished run and the camera alone', () => {
    const store = createAppStore();
    const s = store.getState;
    s().videoOpening('a.mp4');
    s().videoDone(0);
    s().runCanceled();
    expect(s().video.phase).toBe('done');
    s().videoOpening('camera', 'webcam');
    s().runCanceled();
    expect(s().video.phase).toBe('opening');
  });
});

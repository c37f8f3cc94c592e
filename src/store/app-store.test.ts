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

  it('clears errors without dropping info notices', () => {
    const store = createAppStore();
    store.getState().pushNotice('info', 'fell back to wasm');
    store.getState().pushNotice('error', 'not a video');
    store.getState().clearErrors();
    expect(store.getState().notices.map((n) => n.kind)).toEqual(['info']);
  });
});

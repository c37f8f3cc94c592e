import { describe, expect, it } from 'vitest';
import { createCameraRunner } from './camera-runner';
import { testRunContext } from './test-helpers';

describe('camera runner', () => {
  it('a denied camera gives one sentence, back to the first screen, nothing analysed', async () => {
    const context = testRunContext({});
    const { store, slot } = context;
    const denied = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    const camera = createCameraRunner({ ...context, openCamera: denied });
    await camera.start();
    expect(store.getState().webcam.phase).toBe('off');
    expect(store.getState().video.phase).toBe('idle');
    expect(store.getState().notices).toHaveLength(1);
    expect(store.getState().notices[0]?.text).toMatch(/camera/i);
    expect(slot.current).toBeNull();
    // Stopping a camera that never started changes nothing.
    camera.stop();
    expect(store.getState().notices).toHaveLength(1);
  });
});

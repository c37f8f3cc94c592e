import { describe, expect, it } from 'vitest';
import { CanceledError } from '../errors';
import { createAppStore } from '../store/app-store';
import { createRunSlot } from './run-slot';
import { testPlayback } from './test-helpers';

function setUp() {
  const store = createAppStore();
  let refreshed = 0;
  const slot = createRunSlot({ store, playback: testPlayback(), refresh: () => refreshed++ });
  return { store, slot, refreshed: () => refreshed };
}

describe('run slot', () => {
  it('aborts the run before when a new one begins, and starts it on a clean slate', () => {
    const { store, slot } = setUp();
    const first = slot.begin('a.mp4', 'file');
    store.getState().pushNotice('error', 'old');
    const second = slot.begin('b.mp4', 'file');
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
    expect(slot.current).toBe(second);
    expect(store.getState().notices).toEqual([]);
    expect(store.getState().video).toMatchObject({ phase: 'opening', fileName: 'b.mp4', source: 'file' });
    // The first run's late finish leaves the second in place.
    slot.finish(first);
    expect(slot.current).toBe(second);
    slot.finish(second);
    expect(slot.current).toBeNull();
  });

  it('a step being prepared (a conversion) changes nothing on screen, and the next input, another step or cancel stops it', () => {
    const { store, slot } = setUp();
    const running = slot.begin('a.mp4', 'file');
    const first = slot.prepare();
    expect(running.signal.aborted).toBe(false);
    expect(store.getState().video).toMatchObject({ fileName: 'a.mp4' });
    const second = slot.prepare();
    expect(first.signal.aborted).toBe(true);
    slot.begin('camera', 'webcam');
    expect(second.signal.aborted).toBe(true);
    const third = slot.prepare();
    slot.cancel();
    expect(third.signal.aborted).toBe(true);
  });

  it('cancel marks a running input canceled and keeps its results; nothing runs, nothing changes', () => {
    const { store, slot, refreshed } = setUp();
    slot.cancel();
    expect(refreshed()).toBe(0);
    expect(store.getState().video.phase).toBe('idle');
    const run = slot.begin('a.mp4', 'file');
    store.getState().videoOpened({ width: 1, height: 1, fps: 5, durationSec: 1, frameCount: 5, codec: 'avc', codecString: 'avc1' });
    slot.cancel();
    expect(run.signal.aborted).toBe(true);
    expect(refreshed()).toBe(1);
    expect(store.getState().video.phase).toBe('canceled');
    expect(slot.current).toBeNull();
  });

  it('reports failures in one sentence, but not those of a canceled run', () => {
    const { store, slot } = setUp();
    const run = slot.begin('a.mp4', 'file');
    expect(slot.fail(run, new CanceledError(), 'a.mp4: ')).toBe(false);
    expect(slot.fail(run, new Error('broken'), 'a.mp4: ')).toBe(true);
    expect(store.getState().video.phase).toBe('failed');
    expect(store.getState().notices.map((n) => n.text)).toEqual(['a.mp4: Something went wrong: broken']);
    slot.cancel();
    expect(slot.fail(run, new Error('late'), 'a.mp4: ')).toBe(false);
  });
});

/** Backpressure of the decode worker: `ahead` frames without asking, then one per pull; stop wakes a waiting run. */
import { describe, expect, it } from 'vitest';
import { createFrameGrants } from './frame-grants';

/** True when `p` has settled after pending microtasks and a macrotask ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 0));
  return done;
}

describe('createFrameGrants', () => {
  it('lets `ahead` frames go, then waits for a pull per frame', async () => {
    const grants = createFrameGrants(2);
    let sent = 0;
    const producer = (async () => {
      for (let i = 0; i < 5; i++) {
        await grants.wait();
        grants.spend();
        sent++;
      }
    })();
    await settled(producer);
    expect(sent).toBe(2);
    grants.grant();
    await settled(producer);
    expect(sent).toBe(3);
    grants.grant();
    grants.grant();
    expect(await settled(producer)).toBe(true);
    expect(sent).toBe(5);
  });

  it('wakes a waiting run on stop, and never blocks after it', async () => {
    const grants = createFrameGrants(1);
    grants.spend();
    const waiting = grants.wait();
    expect(await settled(waiting)).toBe(false);
    grants.stop();
    expect(await settled(waiting)).toBe(true);
    expect(await settled(grants.wait())).toBe(true);
  });

  it('rejects a run without any frame ahead', () => {
    expect(() => createFrameGrants(0)).toThrow(TypeError);
  });
});

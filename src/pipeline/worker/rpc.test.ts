/** Both halves of the worker convention joined in memory: replies, events, notices, cancel, errors, a crash. */
import { describe, expect, it } from 'vitest';
import { CanceledError, EmolensError, NotAVideoError } from '../../errors';
import { createRpcClient } from './rpc-client';
import { serveRpc } from './rpc-server';
import { createPortPair } from './test-ports';

interface TestApi {
  add: { args: { a: number; b: number }; reply: number };
  fail: { args: { why: string }; reply: never };
  count: { args: { to: number }; reply: string; event: { n: number }; notice: { type: 'stop' } };
  wait: { args: Record<string, never>; reply: string };
}

function setup() {
  const ports = createPortPair();
  const stray: unknown[] = [];
  const strayNotices: unknown[] = [];
  const aborted: unknown[] = [];
  serveRpc<TestApi>(
    ports.server,
    {
      add: ({ a, b }) => a + b,
      fail: async ({ why }) => {
        throw new NotAVideoError(why);
      },
      async count({ to }, call) {
        let stop = false;
        call.onNotice((notice) => (stop = notice.type === 'stop'));
        for (let n = 1; n <= to && !stop; n++) {
          call.emit({ n });
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        return stop ? 'stopped' : 'counted';
      },
      wait: (_args, call) =>
        new Promise((_resolve, reject) =>
          call.signal.addEventListener('abort', () => {
            aborted.push(call.signal.reason);
            reject(call.signal.reason);
          }),
        ),
    },
    { onStrayNotice: (notice) => strayNotices.push(notice) },
  );
  const client = createRpcClient<TestApi>(ports.client, { name: 'test', onStrayEvent: (event) => stray.push(event) });
  return { ports, client, stray, strayNotices, aborted };
}

describe('worker calls', () => {
  it('answers each call by its id', async () => {
    const { client } = setup();
    expect(await Promise.all([client.call('add', { a: 1, b: 2 }), client.call('add', { a: 3, b: 4 })])).toEqual([3, 7]);
  });

  it('rejects with the handler\'s error rebuilt as its own class', async () => {
    const { client } = setup();
    const error = await client.call('fail', { why: 'not a video at all' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAVideoError);
    expect((error as Error).message).toBe('not a video at all');
  });

  it('streams a call\'s events before its reply, and takes notices while it runs', async () => {
    const { client } = setup();
    const seen: number[] = [];
    expect(await client.call('count', { to: 3 }, { onEvent: (e) => seen.push(e.n) })).toBe('counted');
    expect(seen).toEqual([1, 2, 3]);
    const run = client.start('count', { to: 1000 }, { onEvent: ({ n }) => n === 2 && run.notify({ type: 'stop' }) });
    expect(await run.reply).toBe('stopped');
    expect(run.notify({ type: 'stop' })).toBe(false);
  });

  it('cancel: the reply rejects with CanceledError at once, the handler\'s signal aborts, later events are stray', async () => {
    const { client, aborted, stray } = setup();
    const abort = new AbortController();
    const waiting = client.call('wait', {}, { signal: abort.signal });
    abort.abort();
    await expect(waiting).rejects.toBeInstanceOf(CanceledError);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(aborted).toHaveLength(1);
    expect(aborted[0]).toBeInstanceOf(CanceledError);
    const run = client.start('count', { to: 3 }, { onEvent: () => run.cancel() });
    await expect(run.reply).rejects.toBeInstanceOf(CanceledError);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stray).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('an already aborted signal sends nothing', async () => {
    const { client, ports } = setup();
    await expect(client.call('add', { a: 1, b: 1 }, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CanceledError);
    expect(ports.sent).toEqual([]);
  });

  it('notices to a call that is over go to onStrayNotice; a crash fails every pending call', async () => {
    const { client, ports, strayNotices } = setup();
    ports.server.postMessage({ kind: 'reply', id: 99, ok: true, value: null }, []);
    ports.client.postMessage({ kind: 'notice', id: 42, notice: { type: 'stop' } }, []);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(strayNotices).toEqual([{ type: 'stop' }]);
    const waiting = client.call('wait', {});
    ports.crash('out of memory');
    await expect(waiting).rejects.toThrow(new EmolensError('The test worker failed (out of memory).'));
  });
});

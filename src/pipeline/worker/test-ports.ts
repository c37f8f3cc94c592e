/**
 * For Node tests: a caller port and a worker port joined in memory, each message delivered in a
 * task of its own like postMessage (not cloned: test bitmaps are plain objects).
 */
import type { RpcClientPort } from './rpc-client';
import type { RpcServerPort } from './rpc-server';

/** A joined pair; `sent` records what the caller posted, `crash` fires the caller's onerror. */
export function createPortPair() {
  const sent: unknown[] = [];
  let terminated = false;
  const client: RpcClientPort = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      sent.push(message);
      setTimeout(() => server.onmessage?.({ data: message } as MessageEvent));
    },
    terminate: () => (terminated = true),
  };
  const server: RpcServerPort = {
    onmessage: null,
    postMessage(message) {
      setTimeout(() => client.onmessage?.({ data: message } as MessageEvent));
    },
  };
  return {
    client,
    server,
    sent,
    get terminated() {
      return terminated;
    },
    crash: (message: string) => client.onerror?.({ message } as ErrorEvent),
  };
}

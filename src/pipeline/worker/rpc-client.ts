/**
 * The caller's half of the worker convention (src/shared/rpc-wire.ts): numbered calls, a pending
 * map, each call's events routed to it, errors rebuilt as their own classes. Used by the page for
 * the analysis worker and by the analysis worker for the decode worker.
 */
import { CanceledError, EmolensError } from '../../errors';
import type { EventOf, MethodSpec, NoticeOf, RpcApi, RpcRequest, RpcResponse } from '../../shared/rpc-wire';
import { fromWire } from './wire-error';

/** What the client needs of a Worker. */
export interface RpcClientPort {
  postMessage(message: RpcRequest, transfer: Transferable[]): void;
  onmessage: ((message: MessageEvent<RpcResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** Options of one call. */
export interface CallOptions<S extends MethodSpec> {
  /** Moved, not copied, to the worker (bitmaps, frames). */
  transfer?: Transferable[];
  /** Aborting it cancels the call (see RpcCall.cancel). */
  signal?: AbortSignal;
  /** The call's events, in order, until its reply or its cancel; later ones go to `onStrayEvent`. */
  onEvent?: (event: EventOf<S>) => void;
}

/** A call in progress. */
export interface RpcCall<S extends MethodSpec> {
  readonly id: number;
  /** The worker's answer; rejects with the worker's error rebuilt, or CanceledError. */
  readonly reply: Promise<S['reply']>;
  /** Sends the call a notice; false (nothing sent, nothing transferred) once the call is over. */
  notify(notice: NoticeOf<S>, transfer?: Transferable[]): boolean;
  /** Stops the call if still in progress: the worker's handler sees its signal abort, `reply` rejects with CanceledError now. */
  cancel(): void;
}

/** A worker seen from its caller. */
export interface RpcClient<A extends RpcApi<A>> {
  /** Starts a call and returns it (for runs: notices, cancel). */
  start<K extends keyof A & string>(method: K, args: A[K]['args'], options?: CallOptions<A[K]>): RpcCall<A[K]>;
  /** Calls `method` and waits for its reply. */
  call<K extends keyof A & string>(method: K, args: A[K]['args'], options?: CallOptions<A[K]>): Promise<A[K]['reply']>;
  /** Ends the worker. */
  dispose(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onEvent?: (event: never) => void;
}

/** Wraps `port`; `name` names the worker in the error of a crash, `onStrayEvent` gets events of calls that are over (close what they hold). */
export function createRpcClient<A extends RpcApi<A>>(
  port: RpcClientPort,
  options: { name: string; onStrayEvent?: (event: EventOf<A[keyof A]>) => void },
): RpcClient<A> {
  let nextId = 1;
  const pending = new Map<number, Pending>();

  port.onmessage = ({ data }) => {
    const call = pending.get(data.id);
    if (data.kind === 'event') {
      const event = data.event as never;
      if (call?.onEvent) call.onEvent(event);
      else options.onStrayEvent?.(event);
      return;
    }
    if (!call) return;
    pending.delete(data.id);
    if (data.ok) call.resolve(data.value);
    else call.reject(fromWire(data.error));
  };
  port.onerror = (event) => {
    const error = new EmolensError(`The ${options.name} worker failed (${event.message || 'no details'}).`);
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(error);
  };

  const start = <K extends keyof A & string>(method: K, args: A[K]['args'], callOptions: CallOptions<A[K]> = {}): RpcCall<A[K]> => {
    const id = nextId++;
    const { signal, onEvent, transfer = [] } = callOptions;
    let settle!: Pick<Pending, 'resolve' | 'reject'>;
    const reply = new Promise<A[K]['reply']>((resolve, reject) => (settle = { resolve, reject }));
    const cancel = () => {
      if (!pending.delete(id)) return;
      signal?.removeEventListener('abort', cancel);
      port.postMessage({ kind: 'cancel', id }, []);
      settle.reject(new CanceledError());
    };
    const handle: RpcCall<A[K]> = {
      id,
      reply,
      notify(notice, noticeTransfer = []) {
        if (!pending.has(id)) return false;
        port.postMessage({ kind: 'notice', id, notice }, noticeTransfer);
        return true;
      },
      cancel,
    };
    if (signal?.aborted) {
      // Nothing is sent: the worker never starts work nobody waits for.
      settle.reject(new CanceledError());
      return handle;
    }
    const done = () => signal?.removeEventListener('abort', cancel);
    pending.set(id, {
      resolve: (value) => (done(), settle.resolve(value)),
      reject: (error) => (done(), settle.reject(error)),
      onEvent: onEvent as Pending['onEvent'],
    });
    signal?.addEventListener('abort', cancel, { once: true });
    port.postMessage({ kind: 'call', id, method, args }, transfer);
    return handle;
  };

  return {
    start,
    call: (method, args, callOptions) => start(method, args, callOptions).reply,
    dispose: () => port.terminate(),
  };
}

/**
 * The worker's half of the convention (src/shared/rpc-wire.ts): a dispatch table of typed
 * handlers, one reply per call (its value, or its error flattened by toWire), a signal per call
 * that a `cancel` aborts, and the call's notices handed to the listener its handler set.
 */
import { CanceledError } from '../../errors';
import type { EventOf, MethodSpec, NoticeOf, RpcApi, RpcRequest, RpcResponse } from '../../shared/rpc-wire';
import { toWire } from './wire-error';

/** What the server needs of a worker scope. */
export interface RpcServerPort {
  postMessage(message: RpcResponse, transfer: Transferable[]): void;
  onmessage: ((message: MessageEvent<RpcRequest>) => void) | null;
}

/** What a handler gets besides its arguments. */
export interface CallContext<S extends MethodSpec> {
  readonly id: number;
  /** Aborts (reason: CanceledError) when the caller cancels the call. */
  readonly signal: AbortSignal;
  /** Streams an event to the caller before the reply. */
  emit(event: EventOf<S>, transfer?: Transferable[]): void;
  /** Sets the listener of the call's notices; set it before the handler's first await, or early notices are stray. */
  onNotice(listener: (notice: NoticeOf<S>) => void): void;
}

/** One handler per method. */
export type Handlers<A extends RpcApi<A>> = {
  [K in keyof A]: (args: A[K]['args'], call: CallContext<A[K]>) => Promise<A[K]['reply']> | A[K]['reply'];
};

/** Answers calls on `port` with `handlers`; `onStrayNotice` gets notices of calls that are over (close what they hold). */
export function serveRpc<A extends RpcApi<A>>(
  port: RpcServerPort,
  handlers: Handlers<A>,
  options: { onStrayNotice?: (notice: NoticeOf<A[keyof A]>) => void } = {},
): void {
  const calls = new Map<number, { abort: AbortController; listener?: (notice: never) => void }>();
  const post = (response: RpcResponse, transfer: Transferable[] = []) => port.postMessage(response, transfer);

  const answer = (id: number, method: string, args: unknown) => {
    const entry: { abort: AbortController; listener?: (notice: never) => void } = { abort: new AbortController() };
    calls.set(id, entry);
    const context: CallContext<MethodSpec> = {
      id,
      signal: entry.abort.signal,
      emit: (event, transfer) => post({ kind: 'event', id, event }, transfer),
      onNotice: (listener) => (entry.listener = listener as (notice: never) => void),
    };
    let result: Promise<unknown>;
    try {
      const handler = Object.hasOwn(handlers, method) ? (handlers as Record<string, (a: unknown, c: CallContext<MethodSpec>) => unknown>)[method] : undefined;
      if (!handler) throw new TypeError(`method: unknown "${method}"`);
      // Called now, not in a later task, so the listener it sets is there for the call's first notice.
      result = Promise.resolve(handler(args, context));
    } catch (error) {
      result = Promise.reject(error);
    }
    void result
      .then(
        (value) => post({ kind: 'reply', id, ok: true, value }),
        (error: unknown) => post({ kind: 'reply', id, ok: false, error: toWire(error) }),
      )
      .finally(() => calls.delete(id));
  };

  port.onmessage = ({ data }) => {
    switch (data.kind) {
      case 'call':
        answer(data.id, data.method, data.args);
        return;
      case 'notice': {
        const listener = calls.get(data.id)?.listener;
        if (listener) listener(data.notice as never);
        else options.onStrayNotice?.(data.notice as never);
        return;
      }
      case 'cancel':
        calls.get(data.id)?.abort.abort(new CanceledError());
        return;
    }
  };
}

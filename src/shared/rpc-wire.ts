/**
 * The one request/reply convention of both workers (page ↔ analysis worker, analysis worker ↔
 * decode worker), spoken by src/pipeline/worker/rpc-client.ts and rpc-server.ts. A call carries an
 * `id`; the server answers it with exactly one `reply` and may stream `event`s for it first (an
 * analysis run's tracked frames, a decode run's frames). While a call is in progress the caller may
 * send it `notice`s (camera frames, decode grants) or `cancel` it (its handler's signal aborts).
 */
import type { WireError } from './wire-error';

/** One method: its arguments, its reply, and (for runs) the events it streams and the notices it takes. */
export interface MethodSpec {
  args: unknown;
  reply: unknown;
  event?: unknown;
  notice?: unknown;
}

/** A worker's methods by name (an interface of MethodSpecs, e.g. AnalysisApi). */
export type RpcApi<A> = { [K in keyof A]: MethodSpec };

/** The events a method streams (never when it streams none). */
export type EventOf<S extends MethodSpec> = S extends { event: infer E } ? E : never;
/** The notices a method takes (never when it takes none). */
export type NoticeOf<S extends MethodSpec> = S extends { notice: infer N } ? N : never;

/** Caller → server. */
export type RpcRequest =
  | { kind: 'call'; id: number; method: string; args: unknown }
  | { kind: 'notice'; id: number; notice: unknown }
  | { kind: 'cancel'; id: number };

/** Server → caller. */
export type RpcResponse =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: WireError }
  | { kind: 'event'; id: number; event: unknown };

/**
 * Errors as they cross a thread boundary (page ↔ analysis worker ↔ decode worker): each named error
 * is rebuilt as its own class, so `instanceof` works on the receiving side and our own messages stay
 * as they were written for people. Unknown names fall back to EmolensError (ours) or Error.
 */
import {
  BackendUnavailableError,
  CanceledError,
  EmolensError,
  NotAVideoError,
  NoVideoTrackError,
  TruncatedVideoError,
  UnsupportedCodecError,
} from '../../errors';
import { ModelLoadError, ModelNotReadyError } from '../../models/model';
import type { WireError } from '../../shared/wire-error';

type Rebuild = (message: string, fields: Readonly<Record<string, string>>) => Error;

/** The named errors, by class name: how each is built again from its message and fields. */
export const WIRE_ERRORS: Readonly<Record<string, Rebuild>> = Object.freeze({
  EmolensError: (m) => new EmolensError(m),
  NotAVideoError: (m, f) => new NotAVideoError(m, f.container ? { container: f.container } : undefined),
  NoVideoTrackError: (m) => new NoVideoTrackError(m),
  TruncatedVideoError: (m) => new TruncatedVideoError(m),
  UnsupportedCodecError: (m, f) => new UnsupportedCodecError(f.codec ?? 'this', m),
  BackendUnavailableError: (m) => new BackendUnavailableError(m),
  CanceledError: (m) => new CanceledError(m),
  ModelLoadError: (m, f) => new ModelLoadError(f.model ?? 'unknown', m),
  ModelNotReadyError: (m, f) => new ModelNotReadyError(f.model ?? 'unknown', m),
  TypeError: (m) => new TypeError(m),
  RangeError: (m) => new RangeError(m),
});

/** Flattens anything thrown into a WireError. */
export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), emolens: false };
  const fields = Object.fromEntries(
    Object.entries(error).filter((e): e is [string, string] => e[0] !== 'name' && e[0] !== 'message' && typeof e[1] === 'string'),
  );
  const wire: WireError = { name: error.name, message: error.message, emolens: error instanceof EmolensError };
  return Object.keys(fields).length > 0 ? { ...wire, fields } : wire;
}

/** Rebuilds a thrown error as its own class when it is a named one (WIRE_ERRORS), else as EmolensError or Error. */
export function fromWire(error: WireError): Error {
  const rebuild = Object.hasOwn(WIRE_ERRORS, error.name) ? WIRE_ERRORS[error.name] : undefined;
  if (rebuild) return rebuild(error.message, error.fields ?? {});
  const rebuilt = error.emolens ? new EmolensError(error.message) : new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

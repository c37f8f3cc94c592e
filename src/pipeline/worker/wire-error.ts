/**
 * Errors as they cross a thread boundary (page ↔ analysis worker ↔ decode worker): our own
 * EmolensErrors keep their user-facing message and name through every hop.
 */
import { EmolensError } from '../../errors';
import type { WireError } from '../../shared/wire-error';

/** Flattens anything thrown into a WireError. */
export function toWire(error: unknown): WireError {
  if (error instanceof Error) return { name: error.name, message: error.message, emolens: error instanceof EmolensError };
  return { name: 'Error', message: String(error), emolens: false };
}

/** Rebuilds a thrown error: our own messages stay as they were written for people. */
export function fromWire(error: WireError): Error {
  const rebuilt = error.emolens ? new EmolensError(error.message) : new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

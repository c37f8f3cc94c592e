/** Errors rebuilt across a thread boundary keep their class, message and fields. */
import { describe, expect, it } from 'vitest';
import { CanceledError, EmolensError, NotAVideoError, TruncatedVideoError, UnsupportedCodecError } from '../../errors';
import { ModelLoadError } from '../../models/model';
import { fromWire, toWire } from './wire-error';

/** Through a structured clone, as postMessage sends it. */
const roundTrip = (error: unknown) => fromWire(structuredClone(toWire(error)));

describe('wire errors', () => {
  it('rebuilds each named error as its own class, message and fields kept', () => {
    const codec = roundTrip(new UnsupportedCodecError('HEVC (H.265)'));
    expect(codec).toBeInstanceOf(UnsupportedCodecError);
    expect(codec).toMatchObject({ name: 'UnsupportedCodecError', codec: 'HEVC (H.265)', message: new UnsupportedCodecError('HEVC (H.265)').message });
    const load = roundTrip(new ModelLoadError('tp-face-lr', 'Could not load the tp-face-lr model from trained/: HTTP 404'));
    expect(load).toBeInstanceOf(ModelLoadError);
    expect(load).toMatchObject({ model: 'tp-face-lr', message: expect.stringMatching(/HTTP 404/) });
    for (const error of [new NotAVideoError(), new TruncatedVideoError(), new CanceledError()]) {
      const back = roundTrip(error);
      expect(back).toBeInstanceOf(error.constructor);
      expect(back).toBeInstanceOf(EmolensError);
      expect(back.message).toBe(error.message);
    }
    expect(roundTrip(new TypeError('records: need at least one frame'))).toBeInstanceOf(TypeError);
  });

  it('keeps each class when the bundler has shortened class names (NotAVideoError was `po` in the app)', () => {
    const errors = [new NotAVideoError('x', { container: 'Windows Media (WMV, ASF)' }), new UnsupportedCodecError('HEVC (H.265)'), new CanceledError()];
    for (const error of errors) {
      const named = Object.getOwnPropertyDescriptor(error.constructor, 'name')!;
      Object.defineProperty(error.constructor, 'name', { value: 'po' });
      try {
        const back = roundTrip(new (error.constructor as new (...a: unknown[]) => Error)(...(error instanceof UnsupportedCodecError ? [error.codec] : [])));
        expect(back).toBeInstanceOf(error.constructor);
      } finally {
        Object.defineProperty(error.constructor, 'name', named);
      }
    }
    expect(roundTrip(errors[0])).toMatchObject({ container: 'Windows Media (WMV, ASF)' });
  });

  it('falls back to EmolensError for unknown errors of ours and to Error for the rest, names kept', () => {
    class StrangeError extends EmolensError {
      override name = 'StrangeError';
    }
    const ours = roundTrip(new StrangeError('odd'));
    expect(ours).toBeInstanceOf(EmolensError);
    expect(ours.name).toBe('StrangeError');
    const theirs = roundTrip(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    expect(theirs).not.toBeInstanceOf(EmolensError);
    expect(theirs).toMatchObject({ name: 'AbortError', message: 'aborted' });
    expect(roundTrip('a string')).toMatchObject({ name: 'Error', message: 'a string' });
  });
});

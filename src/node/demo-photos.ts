/**
 * Photos of other people, not our actors, for the person's familiarity: the six demo photos that ship
 * with the face-api npm package (MIT; read from node_modules, never copied). A module of its own so
 * that the e2e runner can name them without loading tfjs.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The path of demo photo `i` (1–6). */
export function demoPhoto(i: 1 | 2 | 3 | 4 | 5 | 6): string {
  return join(REPO_ROOT, 'node_modules', '@vladmandic', 'face-api', 'demo', `sample${i}.jpg`);
}

/** All six. */
export const DEMO_PHOTOS = ([1, 2, 3, 4, 5, 6] as const).map(demoPhoto);

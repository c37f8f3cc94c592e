/**
 * Node-only: people speaking other languages, recorded — not synthesised. Debian's Asterisk prompt
 * packages (`asterisk-core-sounds-{en,es,fr,it,ru}-g722`, CC-BY-SA 3.0) hold a few hundred phone
 * prompts per language, each read by one professional speaker (English and Mexican Spanish: Allison
 * Smith; Canadian French: June Wallack; Italian: Carlo, a man; Russian: a woman), 16-kHz G.722. They are
 * the closest thing the Debian registry has to other people's voices: espeak-ng's formant voice is
 * so unlike a person that anything reads it as unfamiliar (docs/speech.md). Fetched with
 * `apt-get download` into a cache folder and unpacked with `dpkg-deb` (no installation, no root).
 * Neutral read speech: prompts, not emotions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The languages, in the order clips take them. */
export const RECORDED_LANGUAGES = ['en', 'es', 'fr', 'it', 'ru'] as const;

/** One recorded prompt: its language, the raw G.722 file and its length. */
export interface RecordedPrompt {
  language: (typeof RECORDED_LANGUAGES)[number];
  file: string;
  seconds: number;
}

/** G.722 codes 16-kHz speech at 64 kbit/s: 8000 bytes a second. */
const G722_BYTES_PER_SEC = 8000;

/**
 * Every prompt of `minSec`…`maxSec` (a sentence, like our clips' 2–5 s), per language, sorted by
 * name so that the same call picks the same prompts on every machine. Downloads and unpacks the
 * packages into `cacheDir` the first time; throws with the command to run when apt-get cannot.
 */
export function recordedPrompts(cacheDir: string, { minSec = 2.5, maxSec = 6 } = {}): RecordedPrompt[] {
  const root = join(cacheDir, 'usr', 'share', 'asterisk', 'sounds');
  if (!existsSync(root)) unpack(cacheDir);
  const prompts: RecordedPrompt[] = [];
  for (const language of RECORDED_LANGUAGES) {
    const folder = readdirSync(root).find((d) => d.startsWith(`${language}_`));
    if (!folder) throw new Error(`recordedPrompts: no ${language} prompts under ${root}`);
    for (const name of readdirSync(join(root, folder)).filter((f) => f.endsWith('.g722')).sort()) {
      const file = join(root, folder, name);
      const seconds = statSync(file).size / G722_BYTES_PER_SEC;
      if (seconds >= minSec && seconds <= maxSec) prompts.push({ language, file, seconds });
    }
  }
  return prompts;
}

/** The prompts for clip `k` of a set: languages in turn, each language's prompts in turn. */
export function promptForClip(prompts: readonly RecordedPrompt[], k: number): RecordedPrompt {
  const language = RECORDED_LANGUAGES[k % RECORDED_LANGUAGES.length]!;
  const own = prompts.filter((p) => p.language === language);
  if (own.length === 0) throw new Error(`promptForClip: no ${language} prompt`);
  return own[Math.floor(k / RECORDED_LANGUAGES.length) % own.length]!;
}

/** ffmpeg input arguments that read a raw G.722 prompt. */
export function promptInput(prompt: RecordedPrompt): string[] {
  return ['-f', 'g722', '-i', prompt.file];
}

function unpack(cacheDir: string): void {
  const debs = join(cacheDir, 'debs');
  mkdirSync(debs, { recursive: true });
  const packages = RECORDED_LANGUAGES.map((l) => `asterisk-core-sounds-${l}-g722`);
  try {
    execFileSync('apt-get', ['download', ...packages], { cwd: debs, stdio: 'ignore' });
  } catch (error) {
    throw new Error(`recordedPrompts: could not fetch ${packages.join(' ')} (run \`apt-get download ${packages.join(' ')}\` in ${debs}): ${String(error)}`);
  }
  for (const deb of readdirSync(debs).filter((f) => f.endsWith('.deb'))) execFileSync('dpkg-deb', ['-x', join(debs, deb), cacheDir]);
}

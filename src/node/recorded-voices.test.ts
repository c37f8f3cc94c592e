import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptForClip, promptInput, recordedPrompts, RECORDED_LANGUAGES } from './recorded-voices';

/** A cache folder laid out as the unpacked packages are, with prompts of the given lengths (seconds). */
function fakeVoices(lengths: Record<string, number[]>): string {
  const root = mkdtempSync(join(tmpdir(), 'emolens-voices-'));
  for (const language of RECORDED_LANGUAGES) {
    const folder = join(root, 'usr', 'share', 'asterisk', 'sounds', `${language}_XX_f_Someone`);
    mkdirSync(folder, { recursive: true });
    (lengths[language] ?? [3]).forEach((sec, i) => writeFileSync(join(folder, `p${String.fromCharCode(122 - i)}.g722`), new Uint8Array(Math.round(sec * 8000))));
  }
  return root;
}

describe('recorded voices', () => {
  it('keeps the prompts of a sentence\'s length, sorted by name, and gives clips the languages in turn', () => {
    const dir = fakeVoices({ en: [1, 3, 4, 7], es: [2.5, 6] });
    const prompts = recordedPrompts(dir);
    // 1 s and 7 s are left out; the G.722 length is its bytes over 8000.
    expect(prompts.filter((p) => p.language === 'en').map((p) => p.seconds)).toEqual([4, 3]);
    expect(prompts.filter((p) => p.language === 'es').map((p) => p.seconds)).toEqual([6, 2.5]);
    expect(RECORDED_LANGUAGES.map((_, k) => promptForClip(prompts, k).language)).toEqual([...RECORDED_LANGUAGES]);
    // The sixth clip takes English's second prompt, the eleventh its first again.
    expect(promptForClip(prompts, 5).seconds).toBe(3);
    expect(promptForClip(prompts, 10).seconds).toBe(4);
    expect(promptInput(promptForClip(prompts, 0))).toEqual(['-f', 'g722', '-i', prompts[0]!.file]);
  });

  it('says which language has no prompt', () => {
    const prompts = recordedPrompts(fakeVoices({ it: [1] }));
    expect(() => promptForClip(prompts, 3)).toThrow(/no it prompt/);
  });
});

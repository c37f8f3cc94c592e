import { describe, expect, it } from 'vitest';
import { numberOption, parseArgs, stringOption } from './cli-args';

describe('parseArgs', () => {
  it('reads positionals, --x value, --x=value and bare flags', () => {
    const a = parseArgs(['clip.mp4', '--json', 'out.json', '--fps=10', '--verbose'], ['verbose']);
    expect(a.positionals).toEqual(['clip.mp4']);
    expect(stringOption(a, 'json')).toBe('out.json');
    expect(numberOption(a, 'fps')).toBe(10);
    expect(a.options.get('verbose')).toBe(true);
  });
  it('rejects a non-numeric number option', () => {
    expect(() => numberOption(parseArgs(['--fps', 'fast']), 'fps')).toThrow(/--fps must be a positive number/);
  });
});

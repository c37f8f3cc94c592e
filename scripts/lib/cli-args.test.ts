import { describe, expect, it } from 'vitest';
import { cliOptionProblem, numberOption, parseArgs, stringOption } from './cli-args';

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
  it('names what is wrong with analyze/evaluate options: a typo, a missing value, an unknown backend, a bad rate', () => {
    const problem = (...argv: string[]) => cliOptionProblem(parseArgs(['clip.mp4', ...argv]));
    expect(problem('--json', 'out.json', '--fps', '5', '--backend', 'WASM')).toBeNull();
    expect(problem('--jsn', 'out.json')).toBe('unknown option --jsn');
    expect(problem('--json')).toBe('--json needs a value');
    expect(problem('--backend', 'cuda')).toBe('--backend must be one of webgpu, wasm, webgl, got "cuda"');
    expect(problem('--fps', '0')).toMatch(/--fps must be a positive number/);
  });
});

/** Minimal argument parsing shared by the CLIs: positionals plus `--name value` / `--flag`. */
import { writeFileSync } from 'node:fs';
import { parseBackendName } from '../../src/env/backend-choice';
import { BACKEND_NAMES } from '../../src/shared/backend';

/** Parsed command line. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

/** Parses argv (without node and script). `--x=1` and `--x 1` both work; a bare `--x` is true. */
export function parseArgs(argv: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) options.set(name, inline);
    else if (flags.includes(name) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) options.set(name, true);
    else options.set(name, argv[++i]!);
  }
  return { positionals, options };
}

/** A string option, or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** A positive number option (throws a readable error otherwise), or undefined. */
export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const v = stringOption(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${v}"`);
  return n;
}

/** A count or duration that may be 0 (skip that part of a run): `fallback` when absent. */
export function amountOption(args: ParsedArgs, name: string, fallback: number): number {
  const text = stringOption(args, name);
  const n = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0, got "${text}"`);
  return n;
}

/** The options analyze and evaluate take. */
const CLI_OPTIONS = ['json', 'fps', 'backend'];

/**
 * What is wrong with analyze's or evaluate's options, in one line; null when nothing is. A typo
 * (`--jsn out.json`) or an unknown backend ran on silently, without the JSON or on WASM.
 */
export function cliOptionProblem(args: ParsedArgs): string | null {
  const unknown = [...args.options.keys()].filter((name) => !CLI_OPTIONS.includes(name));
  if (unknown.length > 0) return `unknown option ${unknown.map((n) => `--${n}`).join(', ')}`;
  for (const name of ['json', 'backend']) if (args.options.get(name) === true) return `--${name} needs a value`;
  const backend = stringOption(args, 'backend');
  if (backend !== undefined && !parseBackendName(backend)) return `--backend must be one of ${BACKEND_NAMES.join(', ')}, got "${backend}"`;
  try {
    numberOption(args, 'fps');
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}

/** Writes `value` as pretty JSON to the `--json` path when given; returns the JSON text. */
export function writeJsonOption(args: ParsedArgs, value: unknown): string {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const path = stringOption(args, 'json');
  if (path) writeFileSync(path, text);
  return text;
}

/** Runs a CLI's async main: its number is the exit code; a throw prints one `prefix: message` line and exits 1. */
export function runCli(prefix: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${prefix}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

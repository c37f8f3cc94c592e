/** Minimal argument parsing shared by the CLIs: positionals plus `--name value` / `--flag`. */
import { writeFileSync } from 'node:fs';

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

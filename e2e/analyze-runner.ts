/** Runs `npm run analyze`'s script as a user would, for the CLI tests. */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AnalysisReport } from '../src/shared/analysis-report';
import { repoRoot, scratch } from './fixtures';

const execFileP = promisify(execFile);

/** The repo's own tsx, run directly: `npx tsx` cost about a second more per run here, resolving it each time. */
export const TSX = join(repoRoot, 'node_modules', '.bin', 'tsx');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  report?: AnalysisReport;
}

/** Runs the analyze CLI on `video` and parses its --json output when it succeeded. */
export async function analyze(video: string, extra: string[] = []): Promise<CliResult> {
  mkdirSync(scratch, { recursive: true });
  const json = join(scratch, `${video.split('/').pop()}.report.json`);
  try {
    const { stdout, stderr } = await execFileP(
      TSX,
      ['scripts/analyze.ts', video, '--backend', 'wasm', '--json', json, ...extra],
      { cwd: repoRoot, timeout: 300_000 },
    );
    return { code: 0, stdout, stderr, report: JSON.parse(readFileSync(json, 'utf8')) as AnalysisReport };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}


/**
 * A folder as the browser's folder picker can read it. Chromium's folder upload (what "Evaluate a
 * folder…" and Playwright's directory `setInputFiles` use) skips symbolic links, and datasets are
 * often linked in rather than copied: such a folder is staged in a temporary folder of real files
 * (hard links where the file system allows, copies elsewhere) with the same paths and name.
 */
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';

/** Every file below `dir`, following links (as a user means them), relative to `dir`. */
export function filesBelow(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesBelow(p, root) : [relative(root, p)];
  });
}

/** True when anything below `dir` is a symbolic link. */
function hasLinks(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) => e.isSymbolicLink() || (e.isDirectory() && hasLinks(join(dir, e.name))));
}

/**
 * `dir` itself when the browser can read it as it is; otherwise a staged copy, and how to remove it.
 * `files` are its files as `filesBelow` lists them (the caller has usually walked it already).
 */
export function folderForBrowser(dir: string, files: readonly string[] = filesBelow(dir)): { dir: string; staged: boolean; dispose(): void } {
  if (!hasLinks(dir)) return { dir, staged: false, dispose: () => {} };
  const root = mkdtempSync(join(tmpdir(), 'emolens-folder-'));
  const staged = join(root, basename(dir));
  for (const file of files) {
    const to = join(staged, file);
    mkdirSync(dirname(to), { recursive: true });
    // A hard link must name the file itself, not a link to it.
    const from = realpathSync(join(dir, file));
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
  return { dir: staged, staged: true, dispose: () => rmSync(root, { recursive: true, force: true }) };
}


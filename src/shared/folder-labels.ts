/**
 * Which clip of a dropped folder has which emotion, read the ways people's folders say it: a
 * `labels.csv` (comma, semicolon or tab as spreadsheets write them; a header naming the file and
 * label columns) or, without one, folders named by an emotion (`happy/001.mp4`, how many datasets
 * are laid out) or a dataset's own file names (RAVDESS's `01-01-03-…`: dataset-names.ts). Clips are named by their path below the folder, shortened to the file name where
 * that is unique, so `happy/001.mp4` and `sad/001.mp4` stay two clips. Pure functions: the page, the
 * CLI and Node tests share them.
 */
import { EMOTION_LABELS, parseEmotionLabel, type EmotionLabel } from '../core/labels';
import { datasetNameEmotion } from './dataset-names';

/** One labelled clip: its name (see {@link clipNames}) and label. */
export interface LabelledClip {
  file: string;
  label: EmotionLabel;
  /** 1-based line number in labels.csv; 0 when the label came from a folder's name. */
  line: number;
}

/** A labels.csv line (or, labelled by folders, a clip) that could not be used; line 0 for a clip. */
export interface LabelLineError {
  line: number;
  message: string;
}

/**
 * Where a folder's labels came from: the labels file's name (`labels.csv`, `labels.tsv`,
 * `emotions.csv`, …: messages name it), or `folders`: the folder's layout (`happy/001.mp4`, or a
 * dataset's file names; ParsedLabels.datasets says which).
 */
export type LabelsSource = 'folders' | (string & {});

/** The labelled clips of a folder, what was skipped, and where the labels came from. */
export interface ParsedLabels {
  clips: LabelledClip[];
  errors: LabelLineError[];
  source: LabelsSource;
  /** Without a labels file: the datasets whose file naming labelled some clips (`RAVDESS`), else empty or absent. */
  datasets?: string[];
}

/** Name of the labels file a folder may contain. */
export const LABELS_FILE = 'labels.csv';

/** Names a labels file goes by (any case), and the extensions of a table whatever its name. */
const LABELS_NAMES = new Set([LABELS_FILE, 'labels.tsv', 'labels.txt']);
const TABLE_EXTENSIONS = ['.csv', '.tsv'];

/**
 * Which of a folder's files holds its labels: labels.csv (or labels.tsv, labels.txt: tab-separated
 * exports; the one nearest the top), else its only CSV or TSV file whatever its name
 * (`emotions.csv`, `labels (1).csv` from a download); -1 for none.
 */
export function labelsFileIndex(paths: readonly string[]): number {
  const depth = (i: number) => segments(paths[i]!).length;
  const name = (i: number) => baseName(paths[i]!).toLowerCase();
  // Hidden files (a Mac's ._labels.csv beside labels.csv on a USB stick) hold no labels.
  const visible = paths.flatMap((p, i) => (baseName(p).startsWith('.') ? [] : [i]));
  const named = visible.filter((i) => LABELS_NAMES.has(name(i))).sort((a, b) => depth(a) - depth(b));
  const tables = visible.filter((i) => TABLE_EXTENSIONS.some((ext) => name(i).endsWith(ext)));
  return named[0] ?? (tables.length === 1 ? tables[0]! : -1);
}

/** Separators spreadsheets write "CSV" with: a comma, a semicolon (where the comma is the decimal mark), a tab. */
const DELIMITERS = [',', ';', '\t'] as const;
/**
 * Header names of the file column, and of the label column, most specific first, as letters only
 * (`File Name`, `file_name` and `filename` are one name).
 */
const FILE_COLUMNS = ['file', 'filename', 'filepath', 'video', 'videoname', 'videofile', 'videopath', 'clip', 'clipname', 'path', 'name'];
const LABEL_COLUMNS = ['label', 'emotion', 'emotionlabel', 'class', 'category', 'expression'];

/** Video files by extension, for a folder labelled by its sub-folders (other files there are not clips). */
// Also what emolens converts on the device (src/video/conversion.ts): DVDs' VOB, Windows Media's ASF, DivX, HDV's M2T, Flash's F4V.
const VIDEO_EXTENSIONS = new Set(['mp4', 'm4v', 'mov', 'webm', 'mkv', 'avi', 'flv', 'mpg', 'mpeg', 'ts', 'mts', 'm2ts', '3gp', 'wmv', 'ogv', 'vob', 'asf', 'divx', 'm2t', 'f4v']);

/** Splits one CSV line into cells (double quotes allowed, "" escapes a quote). */
export function splitCsvLine(line: string, delimiter = ','): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  if (quoted) return null;
  cells.push(cell.trim());
  return cells;
}

/** Path segments, with either slash (a labels.csv written on Windows) and without `.` or empty ones. */
function segments(path: string): string[] {
  return path.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
}

/** File name without folders (a folder pick gives `folder/clip.mp4`). */
export function baseName(path: string): string {
  return segments(path).pop() ?? path;
}

/**
 * True for a file whose extension is a video container's. Hidden files never: `.DS_Store`, and the
 * `._clip.mp4` a Mac writes beside every clip on a USB stick (its metadata, 4 KB, not a video).
 */
export function isVideoPath(path: string): boolean {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return !name.startsWith('.') && dot > 0 && VIDEO_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

/**
 * Each path's clip name: its file name where no other path has that name, otherwise its path below
 * the folders every path shares (`happy/001.mp4` beside `sad/001.mp4`).
 */
export function clipNames(paths: readonly string[]): Map<string, string> {
  if (paths.length === 0) return new Map();
  const split = paths.map(segments);
  const count = new Map<string, number>();
  for (const s of split) count.set(s.at(-1)!, (count.get(s.at(-1)!) ?? 0) + 1);
  // Folders every path starts with (the dropped folder itself) say nothing about a clip.
  let shared = Math.min(...split.map((s) => s.length - 1));
  for (let k = 0; k < shared; k++) if (split.some((s) => s[k] !== split[0]![k])) shared = k;
  return new Map(paths.map((p, i) => [p, count.get(split[i]!.at(-1)!)! > 1 ? split[i]!.slice(shared).join('/') : split[i]!.at(-1)!]));
}

/** How many segments `cell` and `path` share from the file name up (0: not even the file name). */
function sharedTail(cell: readonly string[], path: readonly string[]): number {
  let k = 0;
  while (k < Math.min(cell.length, path.length) && cell[cell.length - 1 - k] === path[path.length - 1 - k]) k++;
  return k;
}

/** A file name without its extension (`clip01.mp4` → `clip01`). */
const stem = (name: string) => name.replace(/\.[^.]*$/, '');

/**
 * The paths a labels.csv cell names: those sharing the most segments with it from the file name up
 * (`001.mp4`, `happy/001.mp4`, or a full path from the machine the file was written on, whose
 * folders above ours differ). Failing any, as people write them: another case (`Clip01.MP4`, as
 * Windows and macOS match names), or a video's name without its extension (`clip01`, as annotation
 * files often list clips). Several equally good: the cell is ambiguous.
 */
function pathsNamedBy(cell: string, paths: readonly string[]): string[] {
  const wanted = segments(cell);
  const lower = (s: readonly string[]) => s.map((x) => x.toLowerCase());
  const ways: ((have: string[]) => number)[] = [
    (have) => sharedTail(wanted, have),
    (have) => sharedTail(lower(wanted), lower(have)),
    (have) => (isVideoPath(have.join('/')) ? sharedTail(lower(wanted), lower([...have.slice(0, -1), stem(have.at(-1)!)])) : 0),
  ];
  for (const shared of ways) {
    const scores = paths.map((p) => shared(segments(p)));
    const best = Math.max(0, ...scores);
    if (best > 0) return paths.filter((_, i) => scores[i] === best);
  }
  return [];
}

/** The header's delimiter and the file and label columns, or null when no delimiter gives both. */
function readHeader(line: string): { delimiter: string; fileCol: number; labelCol: number } | null {
  for (const delimiter of DELIMITERS) {
    const header = splitCsvLine(line, delimiter)?.map((h) => h.toLowerCase().replace(/[^a-z]/g, ''));
    if (!header) continue;
    const column = (names: readonly string[]) => names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
    const [fileCol, labelCol] = [column(FILE_COLUMNS), column(LABEL_COLUMNS)];
    if (fileCol >= 0 && labelCol >= 0) return { delimiter, fileCol, labelCol };
  }
  return null;
}

/**
 * Parses labels.csv (a header with a file column and a label column, e.g. `file,label`; other
 * columns ignored; label a paper name or a common synonym). `paths`, when given, are the folder's
 * files: a cell names the one whose path ends like it (`001.mp4`, `happy/001.mp4` or a full path),
 * and the clip is named as {@link clipNames} names it. A line with an unknown label, a file not
 * among them or named ambiguously, a duplicate, or a broken shape becomes an error with its line
 * number; the other lines are still returned.
 */
export function parseLabelsCsv(text: string, paths?: readonly string[], fileName: string = LABELS_FILE): ParsedLabels {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: LabelLineError[] = [];
  const clips: LabelledClip[] = [];
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  const header = headerAt >= 0 ? readHeader(lines[headerAt]!) : null;
  if (!header) {
    errors.push({ line: headerAt + 1 || 1, message: `${fileName} needs a header line with the columns "file" and "label".` });
    return { clips, errors, source: fileName };
  }
  const { delimiter, fileCol, labelCol } = header;
  const names = paths && clipNames(paths);
  const seen = new Set<string>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = splitCsvLine(raw, delimiter);
    if (!cells || cells.length <= Math.max(fileCol, labelCol)) {
      errors.push({ line, message: `line ${line}: cannot read it (expected "file${delimiter}label").` });
      continue;
    }
    const cell = cells[fileCol]!;
    const label = parseEmotionLabel(cells[labelCol]!);
    const named = paths ? pathsNamedBy(cell, paths) : [cell];
    const file = named.length === 1 ? (names?.get(named[0]!) ?? baseName(cell)) : baseName(cell);
    if (!baseName(cell)) errors.push({ line, message: `line ${line}: the file name is empty.` });
    else if (label === undefined) errors.push({ line, message: `line ${line}: "${cells[labelCol]}" is not one of the emotions (${EMOTION_LABELS.join(', ')}).` });
    else if (named.length === 0) errors.push({ line, message: `line ${line}: ${cell} is not among the files given.` });
    else if (named.length > 1) errors.push({ line, message: `line ${line}: ${cell} could be any of ${named.length} files (${named.map((p) => names!.get(p)).join(', ')}); give its folder too.` });
    else if (seen.has(file)) errors.push({ line, message: `line ${line}: ${file} is listed twice; the first label is used.` });
    else {
      seen.add(file);
      clips.push({ file, label, line });
    }
  }
  return { clips, errors, source: fileName };
}

/** The emotion a folder's name gives: the name itself (`Happy`), or its one emotion word (`03_happy`, `happy clips`). */
export function folderEmotion(name: string): EmotionLabel | undefined {
  const whole = parseEmotionLabel(name);
  if (whole) return whole;
  const found = new Set(name.split(/[^a-z]+/i).map(parseEmotionLabel).filter((l) => l !== undefined));
  return found.size === 1 ? [...found][0] : undefined;
}

/** Classes datasets sort clips into that are not among the seven (RAVDESS's calm, MEAD's and AffectNet's contempt). */
const OUTSIDE_EMOTIONS = new Set(['calm', 'contempt', 'contemptuous']);

/** The class outside the seven a folder's name gives (`contempt`, `02_calm`), or undefined. */
function folderOutsideEmotion(name: string): string | undefined {
  return name.toLowerCase().split(/[^a-z]+/).find((word) => OUTSIDE_EMOTIONS.has(word));
}

/** What `read` finds in the nearest folder above `path` that it finds anything in. */
function nearestFolder<T>(path: string, read: (name: string) => T | undefined): T | undefined {
  return segments(path).slice(0, -1).reverse().map(read).find((found) => found !== undefined);
}

/**
 * Labels from the folder's layout, for a folder without labels.csv: each video is labelled by the
 * nearest folder above it named by an emotion (see {@link folderEmotion}), else by its file name
 * where that is a public dataset's naming (RAVDESS, CREMA-D: {@link datasetNameEmotion}); a video
 * with neither is left out, with an error naming it. Files that are not videos (by extension) are
 * not clips.
 */
export function labelsFromFolders(paths: readonly string[]): ParsedLabels {
  const videos = paths.filter(isVideoPath);
  const names = clipNames(videos);
  const clips: LabelledClip[] = [];
  const errors: LabelLineError[] = [];
  const datasets = new Set<string>();
  for (const path of videos) {
    const file = names.get(path)!;
    const folder = nearestFolder(path, folderEmotion);
    const named = folder ? undefined : datasetNameEmotion(path);
    if (folder) clips.push({ file, label: folder, line: 0 });
    else if (named && 'label' in named) {
      clips.push({ file, label: named.label, line: 0 });
      datasets.add(named.dataset);
    } else if (named) errors.push({ line: 0, message: `${file}: its ${named.dataset} name says ${named.outside}, not one of the seven emotions; left out.` });
    else {
      const other = nearestFolder(path, folderOutsideEmotion);
      const why = other ? `its folder says ${other}, not one of the seven emotions` : 'no folder above it is named by an emotion';
      errors.push({ line: 0, message: `${file}: ${why}; left out.` });
    }
  }
  return { clips, errors, source: 'folders', datasets: [...datasets] };
}

/**
 * The labels of a dropped folder: its labels file when it has one (`csvText`, from the file named
 * `fileName`), else its folder names. `paths` are the folder's other files.
 */
export function folderLabels(paths: readonly string[], csvText: string | null, fileName: string = LABELS_FILE): ParsedLabels {
  return csvText !== null ? parseLabelsCsv(csvText, paths, fileName) : labelsFromFolders(paths);
}

/** What a folder whose labels.csv labels none of its files is told (its first skipped line says why). */
export function noLabelledClipMessage(parsed: ParsedLabels): string {
  const first = parsed.errors[0]?.message;
  return (
    `No clip to evaluate: ${parsed.errors.length} line(s) of the labels file skipped${first ? ` (${first})` : ''}. ` +
    'Its file column must name videos given with it: the whole folder, or the clips picked together with it.'
  );
}

/** What files without a labels file and without a video among them are told. */
export function noVideoMessage(fileCount: number): string {
  return `No video among ${fileCount === 1 ? 'this file' : `these ${fileCount} files`} (by their names: .mp4, .mov, .webm, .mkv, .mts …). Drop a video, or a folder of videos.`;
}

/**
 * What becomes of picked files (the page and the evaluate CLI decide alike): evaluated against
 * their labels; answered clip by clip when labelled neither way (no labels file, no emotion folder)
 * and some are videos; else refused with a sentence — a labels file naming none of them, or no video.
 */
export type FolderPlan = { kind: 'evaluate' } | { kind: 'answer' } | { kind: 'refuse'; message: string };

/** The plan for files labelled as `parsed` says, `videoCount` of `fileCount` of them videos. */
export function folderPlan(parsed: ParsedLabels, videoCount: number, fileCount: number): FolderPlan {
  if (parsed.clips.length > 0) return { kind: 'evaluate' };
  if (parsed.source !== 'folders') return { kind: 'refuse', message: noLabelledClipMessage(parsed) };
  return videoCount > 0 ? { kind: 'answer' } : { kind: 'refuse', message: noVideoMessage(fileCount) };
}

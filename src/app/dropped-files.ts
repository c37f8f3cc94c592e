/** Reads what was dropped: plain files, or every file inside dropped folders (one level of API). */

type Entry = FileSystemEntry;

/**
 * A dropped file's path inside what was dropped (`dataset/happy/001.mp4`). A File read from a
 * folder's entry does not carry it (only a folder picked through the file dialog sets
 * `webkitRelativePath`), and a folder labelled by its sub-folders needs it.
 */
const droppedPaths = new WeakMap<File, string>();

/** The file's path inside the dropped or picked folder, or its name when it came alone. */
export function pathOf(file: File): string {
  return droppedPaths.get(file) ?? (file.webkitRelativePath || file.name);
}

function readAll(dir: FileSystemDirectoryEntry): Promise<Entry[]> {
  const reader = dir.createReader();
  const out: Entry[] = [];
  return new Promise((resolve, reject) => {
    const more = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(out);
        else {
          out.push(...batch);
          more();
        }
      }, reject);
    more();
  });
}

async function filesOf(entry: Entry): Promise<File[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    droppedPaths.set(file, entry.fullPath.replace(/^\//, ''));
    return [file];
  }
  if (entry.isDirectory) {
    // Hidden entries inside a dropped folder (.DS_Store, a Mac's ._clip.mp4 twins) are never inputs.
    const children = (await readAll(entry as FileSystemDirectoryEntry)).filter((child) => !child.name.startsWith('.'));
    return (await Promise.all(children.map(filesOf))).flat();
  }
  return [];
}

/** Every file dropped, folders opened recursively. */
export async function droppedFiles(data: DataTransfer): Promise<File[]> {
  const entries = [...data.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is Entry => !!e);
  if (entries.length === 0 || entries.every((e) => e.isFile)) return [...data.files];
  return (await Promise.all(entries.map(filesOf))).flat();
}

/** True when the files form a labelled folder (more than one file, or a labels.csv among them); a folder of one video plays it. */
export function isFolderInput(files: readonly File[]): boolean {
  return files.length > 1 || files.some((f) => f.name.toLowerCase().endsWith('.csv'));
}

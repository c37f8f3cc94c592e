/** Reads what was dropped: plain files, or every file inside dropped folders (one level of API). */

type Entry = FileSystemEntry;

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
  if (entry.isFile) return [await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))];
  if (entry.isDirectory) {
    const children = await readAll(entry as FileSystemDirectoryEntry);
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

/** True when the files form a labelled folder (more than one file, or a labels.csv among them). */
export function isFolderInput(files: readonly File[]): boolean {
  return files.length > 1 || files.some((f) => f.name.toLowerCase().endsWith('.csv'));
}

import { describe, expect, it } from 'vitest';
import { droppedFiles, isFolderInput, pathOf } from './dropped-files';

/** A dropped file or folder as the browser's entry API gives it (only what droppedFiles reads). */
function fileEntry(fullPath: string): FileSystemFileEntry {
  const file = new File(['x'], fullPath.split('/').pop()!);
  return { isFile: true, isDirectory: false, name: file.name, fullPath, file: (ok: (f: File) => void) => ok(file) } as unknown as FileSystemFileEntry;
}
function dirEntry(fullPath: string, children: FileSystemEntry[]): FileSystemDirectoryEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop(),
    fullPath,
    // The API hands entries out in batches until an empty one.
    createReader: () => {
      let given = false;
      return { readEntries: (ok: (batch: FileSystemEntry[]) => void) => ok(given ? [] : ((given = true), children)) };
    },
  } as unknown as FileSystemDirectoryEntry;
}
const dataTransfer = (entries: FileSystemEntry[]) => ({ items: entries.map((e) => ({ webkitGetAsEntry: () => e })), files: [] }) as unknown as DataTransfer;

describe('droppedFiles', () => {
  it('opens a dropped folder and keeps the path of each file in it (a folder labelled by its sub-folders needs it)', async () => {
    const folder = dirEntry('/set', [dirEntry('/set/happy', [fileEntry('/set/happy/001.mp4')]), dirEntry('/set/sad', [fileEntry('/set/sad/001.mp4')])]);
    const files = await droppedFiles(dataTransfer([folder]));
    expect(files.map((f) => f.name)).toEqual(['001.mp4', '001.mp4']);
    expect(files.map(pathOf)).toEqual(['set/happy/001.mp4', 'set/sad/001.mp4']);
    expect(isFolderInput(files)).toBe(true);
  });

  it('a file picked alone is known by its name; a folder of one video plays it', async () => {
    expect(pathOf(new File(['x'], 'clip.mp4'))).toBe('clip.mp4');
    // With the Mac's hidden twin a USB stick holds beside it.
    const one = await droppedFiles(dataTransfer([dirEntry('/holiday', [fileEntry('/holiday/a.mp4'), fileEntry('/holiday/._a.mp4')])]));
    expect(one).toHaveLength(1);
    expect(pathOf(one[0]!)).toBe('holiday/a.mp4');
    expect(isFolderInput(one)).toBe(false);
  });
});

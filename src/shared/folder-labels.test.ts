import { describe, expect, it } from 'vitest';
import { clipNames, folderEmotion, folderLabels, isVideoPath, labelsFileIndex, labelsFromFolders, folderPlan, noLabelledClipMessage, noVideoMessage, parseLabelsCsv, splitCsvLine } from './folder-labels';

describe('parseLabelsCsv', () => {
  it('reads file,label with extra columns, synonyms and folders in names', () => {
    const text = 'file,actor,label\nclips/a.mp4,01,happy\nb.mp4,02,Neutral\r\n\n"c, d.mp4",03,surprise\n';
    const { clips, errors, source } = parseLabelsCsv(text);
    expect(errors).toEqual([]);
    expect(source).toBe('labels.csv');
    expect(clips).toEqual([
      { file: 'a.mp4', label: 'happiness', line: 2 },
      { file: 'b.mp4', label: 'neutrality', line: 3 },
      { file: 'c, d.mp4', label: 'surprise', line: 5 },
    ]);
  });

  it('reports unknown labels, missing files, duplicates and broken lines by line number and keeps the rest', () => {
    const text = ['file,label', 'a.mp4,anger', 'b.mp4,bored', 'gone.mp4,sad', 'a.mp4,fear', 'justonecell', '"open,quote', 'c.mp4,fear'].join('\n');
    const { clips, errors } = parseLabelsCsv(text, ['a.mp4', 'b.mp4', 'c.mp4']);
    expect(clips.map((c) => c.file)).toEqual(['a.mp4', 'c.mp4']);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(errors[0]!.message).toContain('"bored"');
    expect(errors[1]!.message).toContain('gone.mp4');
    expect(errors[2]!.message).toContain('twice');
  });

  it('needs a header with file and label', () => {
    const { clips, errors } = parseLabelsCsv('a.mp4,happy\n');
    expect(clips).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(1);
  });

  it('reads what spreadsheets write: semicolons or tabs, a BOM, other column names', () => {
    // A European Excel's "CSV" (semicolons), with a byte-order mark and Windows line ends.
    const semicolons = parseLabelsCsv('\uFEFFFile;Emotion;Intensity\r\na.mp4;Happy;0,5\r\nb.mp4;sad;1\r\n', ['a.mp4', 'b.mp4']);
    expect(semicolons).toEqual({ clips: [{ file: 'a.mp4', label: 'happiness', line: 2 }, { file: 'b.mp4', label: 'sadness', line: 3 }], errors: [], source: 'labels.csv' });
    const tabs = parseLabelsCsv('video\tclass\na.mp4\tangry\n', ['a.mp4']);
    expect(tabs.clips).toEqual([{ file: 'a.mp4', label: 'anger', line: 2 }]);
    expect(parseLabelsCsv('Video_Name,Emotion Label\na.mp4,fear\n', ['a.mp4']).clips).toEqual([{ file: 'a.mp4', label: 'fear', line: 2 }]);
    // Our own labels.csv: `label` is the label column, not `emotion_code`.
    expect(parseLabelsCsv('file,actor,sentence,emotion_code,label\na.mp4,01,01,03,happiness\n').clips[0]!.label).toBe('happiness');
  });

  it('tells apart files of one name in different folders by the folder the line gives', () => {
    const paths = ['data/happy/001.mp4', 'data/sad/001.mp4', 'data/sad/002.mp4'];
    const text = ['file,label', 'happy/001.mp4,happiness', 'C:\\Users\\me\\data\\sad\\001.mp4,sadness', '002.mp4,sadness', '001.mp4,fear'].join('\n');
    const { clips, errors } = parseLabelsCsv(text, paths);
    expect(clips).toEqual([
      { file: 'happy/001.mp4', label: 'happiness', line: 2 },
      { file: 'sad/001.mp4', label: 'sadness', line: 3 },
      { file: '002.mp4', label: 'sadness', line: 4 },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe('line 5: 001.mp4 could be any of 2 files (happy/001.mp4, sad/001.mp4); give its folder too.');
  });

  it('finds a file by a full path from another machine, whose folders above ours differ', () => {
    const { clips, errors } = parseLabelsCsv('file,label\n/home/ana/datasets/clips/001.mp4,happy\n', ['my-copy/001.mp4', 'my-copy/002.mp4']);
    expect(errors).toEqual([]);
    expect(clips).toEqual([{ file: '001.mp4', label: 'happiness', line: 2 }]);
  });

  it('finds a file named in another case, or without its extension, as annotation files list clips', () => {
    const paths = ['set/Clip01.MP4', 'set/clip02.mp4', 'set/clip02.wav', 'set/sub/clip03.webm'];
    const { clips, errors } = parseLabelsCsv('file,label\nclip01.mp4,happy\nclip02,sad\nsub/clip03,fear\nclip04,anger\n', paths);
    expect(clips.map((c) => c.file)).toEqual(['Clip01.MP4', 'clip02.mp4', 'clip03.webm']);
    expect(errors.map((e) => e.message)).toEqual(['line 5: clip04 is not among the files given.']);
  });

  it('splits quoted cells', () => {
    expect(splitCsvLine('"a ""b""",c')).toEqual(['a "b"', 'c']);
    expect(splitCsvLine('"a,b')).toBeNull();
    expect(splitCsvLine('a;"b;c"', ';')).toEqual(['a', 'b;c']);
  });
});

describe('clipNames', () => {
  it('names a clip by its file name, and by its path below the shared folders where names repeat', () => {
    const names = clipNames(['set/happy/001.mp4', 'set/sad/001.mp4', 'set/sad/002.mp4']);
    expect([...names.values()]).toEqual(['happy/001.mp4', 'sad/001.mp4', '002.mp4']);
    expect([...clipNames(['a.mp4']).values()]).toEqual(['a.mp4']);
    expect(clipNames([]).size).toBe(0);
  });
});

describe('labels from folder names', () => {
  it('reads an emotion from a folder name as people write them', () => {
    expect(folderEmotion('Happy')).toBe('happiness');
    expect(folderEmotion('03_angry')).toBe('anger');
    expect(folderEmotion('surprise clips')).toBe('surprise');
    expect(folderEmotion('Actor_01')).toBeUndefined();
    // Two emotions in one name say neither.
    expect(folderEmotion('happy-or-sad')).toBeUndefined();
  });

  it('labels each video by the nearest emotion folder above it and leaves out the rest, by name', () => {
    const paths = ['set/happy/001.mp4', 'set/sad/001.mp4', 'set/sad/actor2/003.MOV', 'set/misc/004.mp4', 'set/happy/notes.txt', 'set/.DS_Store'];
    const { clips, errors, source } = labelsFromFolders(paths);
    expect(source).toBe('folders');
    expect(clips).toEqual([
      { file: 'happy/001.mp4', label: 'happiness', line: 0 },
      { file: 'sad/001.mp4', label: 'sadness', line: 0 },
      { file: '003.MOV', label: 'sadness', line: 0 },
    ]);
    expect(errors).toEqual([{ line: 0, message: '004.mp4: no folder above it is named by an emotion; left out.' }]);
  });

  it("labels a dataset's clips by their file names where no folder names an emotion, the folder first", () => {
    const paths = ['Actor_01/01-01-03-01-01-01-01.mp4', 'Actor_01/01-01-02-01-01-01-01.mp4', 'Actor_01/03-01-03-01-01-01-01.wav', 'VideoFlash/1001_DFA_SAD_XX.flv', 'sad/01-01-03-01-01-02-01.mp4', 'other/take.mp4'];
    const parsed = labelsFromFolders(paths);
    expect(parsed.clips).toEqual([
      { file: '01-01-03-01-01-01-01.mp4', label: 'happiness', line: 0 },
      { file: '1001_DFA_SAD_XX.flv', label: 'sadness', line: 0 },
      { file: '01-01-03-01-01-02-01.mp4', label: 'sadness', line: 0 },
    ]);
    expect(parsed.datasets).toEqual(['RAVDESS', 'CREMA-D']);
    expect(parsed.errors.map((e) => e.message)).toEqual([
      '01-01-02-01-01-01-01.mp4: its RAVDESS name says calm, not one of the seven emotions; left out.',
      'take.mp4: no folder above it is named by an emotion; left out.',
    ]);
    expect(folderPlan(parsed, 5, 6)).toEqual({ kind: 'evaluate' });
    // A folder named by a class outside the seven says so (MEAD's layout).
    expect(labelsFromFolders(['M003/video/front/contempt/level_1/001.mp4']).errors.map((e) => e.message)).toEqual(['001.mp4: its folder says contempt, not one of the seven emotions; left out.']);
    // Folders alone name no dataset.
    expect(labelsFromFolders(['happy/a.mp4']).datasets).toEqual([]);
  });

  it('uses labels.csv when there is one, folder names otherwise, and nothing when neither labels a clip', () => {
    expect(folderLabels(['happy/a.mp4'], 'file,label\na.mp4,sad\n').clips[0]!.label).toBe('sadness');
    expect(folderLabels(['happy/a.mp4'], null).clips[0]!.label).toBe('happiness');
    const unlabelled = folderLabels(['clips/a.mp4', 'clips/b.mp4'], null);
    expect(unlabelled.clips).toEqual([]);
    expect(folderPlan(unlabelled, 2, 2)).toEqual({ kind: 'answer' });
    expect(folderPlan(folderLabels([], null), 0, 1)).toEqual({ kind: 'refuse', message: noVideoMessage(1) });
    // A labels.csv that labels nothing is still the folder's labels: its errors say why, and so does the message.
    const none = folderLabels([], 'file,label\na.mp4,happy\nb.mp4,sad\n');
    expect(none.clips).toEqual([]);
    expect(folderPlan(none, 0, 1)).toEqual({ kind: 'refuse', message: noLabelledClipMessage(none) });
    expect(folderPlan(none, 2, 3)).toEqual({ kind: 'refuse', message: noLabelledClipMessage(none) });
    expect(folderPlan(folderLabels(['happy/a.mp4'], null), 1, 1)).toEqual({ kind: 'evaluate' });
    expect(noLabelledClipMessage(none)).toMatch(/^No clip to evaluate: 2 line\(s\) of the labels file skipped \(line 2: a\.mp4 is not among the files given\.\)\. Its file column must name videos given with it/);
  });

  it('knows a video by its extension', () => {
    expect(['a.mp4', 'b.MOV', 'c.webm', 'd.mkv', 'e.avi', 'f.wmv', 'g.VOB', 'h.divx', 'i.m2t'].every(isVideoPath)).toBe(true);
    expect(['labels.csv', 'notes.txt', '.DS_Store', 'mp4', 'set/happy/._001.mp4'].some(isVideoPath)).toBe(false);
  });
});

describe('labelsFileIndex', () => {
  it('finds labels.csv nearest the top, else the only CSV of any name, else none', () => {
    expect(labelsFileIndex(['set/a.mp4', 'set/sub/labels.csv', 'set/Labels.csv'])).toBe(2);
    expect(labelsFileIndex(['set/a.mp4', 'set/emotions (1).csv'])).toBe(1);
    expect(labelsFileIndex(['set/._emotions.csv', 'set/emotions.csv'])).toBe(1);
    expect(labelsFileIndex(['set/a.mp4', 'set/x.csv', 'set/y.csv'])).toBe(-1);
    expect(labelsFileIndex(['set/a.mp4'])).toBe(-1);
  });

  it('takes a tab-separated export too: labels.tsv or labels.txt by name, or the only TSV; never another text file', () => {
    expect(labelsFileIndex(['set/a.mp4', 'set/LABELS.TSV'])).toBe(1);
    expect(labelsFileIndex(['set/a.mp4', 'set/README.txt', 'set/labels.txt'])).toBe(2);
    expect(labelsFileIndex(['set/a.mp4', 'set/annotations.tsv'])).toBe(1);
    expect(labelsFileIndex(['set/a.mp4', 'set/README.txt'])).toBe(-1);
    expect(labelsFileIndex(['set/a.mp4', 'set/x.csv', 'set/y.tsv'])).toBe(-1);
    // A tab-separated file read as labels.
    expect(parseLabelsCsv('Video\tEmotion\na.mp4\thappy\n', ['set/a.mp4']).clips).toEqual([{ file: 'a.mp4', label: 'happiness', line: 2 }]);
    // Its name is where the labels came from, and what a skipped line's message names.
    const tsv = folderLabels(['set/a.mp4'], 'Video\tEmotion\na.mp4\thappy\nb.mp4\tsad\n', 'annotations.tsv');
    expect(tsv.source).toBe('annotations.tsv');
    expect(tsv.errors).toEqual([{ line: 3, message: 'line 3: b.mp4 is not among the files given.' }]);
    expect(folderLabels(['set/a.mp4'], 'just text\n', 'labels.txt').errors[0]!.message).toBe('labels.txt needs a header line with the columns "file" and "label".');
  });
});

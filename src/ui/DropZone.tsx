import { useEffect, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { droppedFiles, isFolderInput } from '../app/dropped-files';
import { useAppStore, useController } from './store-context';
import { WebcamToggle } from './WebcamToggle';

const SAMPLING_CHOICES: { label: string; fps: number | undefined }[] = [
  { label: '5 fps', fps: 5 },
  { label: '10 fps', fps: 10 },
  { label: 'every frame', fps: undefined },
];

/** The choices, with a rate set elsewhere (`?fps=2`, the CLIs' `--fps`) among them: a select shows its first option for a value it lacks. */
function samplingChoices(fps: number | undefined): { label: string; fps: number | undefined }[] {
  if (SAMPLING_CHOICES.some((c) => c.fps === fps)) return SAMPLING_CHOICES;
  return [...SAMPLING_CHOICES, { label: `${fps} fps`, fps }].sort((a, b) => (a.fps ?? Infinity) - (b.fps ?? Infinity));
}

/**
 * Where a user drops or picks a video, a folder (labelled: clips + labels.csv, or not) or starts the camera,
 * and chooses how often frames are analysed. Large on the first screen, a compact bar afterwards.
 */
export function DropZone() {
  const controller = useController();
  const sampleFps = useAppStore((s) => s.video.sampleFps);
  const setSampleFps = useAppStore((s) => s.setSampleFps);
  const compact = useAppStore((s) => s.video.phase !== 'idle');
  const fileRef = useRef<HTMLInputElement>(null);
  const filesRef = useRef<HTMLInputElement>(null);
  const dirRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  useEffect(() => {
    if (dirRef.current) dirRef.current.webkitdirectory = true;
  }, []);

  const onFiles = (files: readonly File[]) => {
    if (files.length === 0) return;
    if (isFolderInput(files)) void controller.openFolder(files);
    else void controller.openFile(files[0]!);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void droppedFiles(e.dataTransfer).then(onFiles);
  };
  /** A pick through one of the inputs: the folder buttons always evaluate (a folder of one labelled clip too). */
  const picked = (asFolder: boolean) => (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    if (asFolder && files.length > 0) void controller.openFolder(files);
    else onFiles(files);
    e.target.value = '';
  };

  return (
    <section
      className={`dropzone${over ? ' dropzone-over' : ''}${compact ? ' dropzone-compact' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {!compact && (
        <>
          <p className="dropzone-title">Drop a video here to see who matters in it and what they feel</p>
          <p className="muted">
            One video (MP4, MOV, WebM, MKV, AVI or a camcorder’s MTS) plays with its faces tracked and voted on. A folder of clips with a <code>labels.csv</code>{' '}
            (<code>file,label</code>), or with its clips in folders named by emotion (<code>happy/001.mp4</code>), is evaluated clip by clip; a folder of videos without labels is answered clip by clip. Or use your camera. Everything runs on this device; nothing is uploaded.
          </p>
        </>
      )}
      <div className={`row${compact ? ' row-start' : ''}`}>
        <button type="button" className="primary" onClick={() => fileRef.current?.click()}>
          {compact ? 'Another video…' : 'Choose a video…'}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => dirRef.current?.click()}
          title="A folder of clips: labelled (a labels.csv, or folders named by emotion) it is scored; without labels each clip is answered"
        >
          Evaluate a folder…
        </button>
        <button type="button" className="secondary" onClick={() => filesRef.current?.click()} title="Several clips and their labels.csv (without one, each clip is answered)">
          Clips + labels.csv…
        </button>
        <WebcamToggle />
        <label className="muted">
          Analyse{' '}
          <select
            data-testid="sampling-select"
            value={sampleFps === undefined ? 'all' : String(sampleFps)}
            onChange={(e) => setSampleFps(e.target.value === 'all' ? undefined : Number(e.target.value))}
          >
            {samplingChoices(sampleFps).map((c) => (
              <option key={c.label} value={c.fps === undefined ? 'all' : String(c.fps)}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {compact && <span className="muted small">or drop a video or folder here</span>}
      </div>
      <input ref={fileRef} data-testid="file-input" type="file" accept="video/*,.mp4,.webm,.mkv,.mov,.mts,.m2ts,.ts" hidden onChange={picked(false)} />
      <input ref={filesRef} data-testid="folder-input" type="file" multiple accept="video/*,.mp4,.webm,.mkv,.mov,.mts,.m2ts,.ts,.csv" hidden onChange={picked(true)} />
      <input ref={dirRef} data-testid="folder-dir-input" type="file" multiple hidden onChange={picked(true)} />
    </section>
  );
}

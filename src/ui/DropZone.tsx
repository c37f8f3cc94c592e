import { useRef, useState, type DragEvent } from 'react';
import { useAppStore, useController } from './store-context';

const SAMPLING_CHOICES: { label: string; fps: number | undefined }[] = [
  { label: '5 fps', fps: 5 },
  { label: '10 fps', fps: 10 },
  { label: 'every frame', fps: undefined },
];

/** Where a user drops or picks a video, and chooses how often frames are analysed. */
export function DropZone() {
  const controller = useController();
  const sampleFps = useAppStore((s) => s.video.sampleFps);
  const setSampleFps = useAppStore((s) => s.setSampleFps);
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onFiles = (files: FileList | null) => {
    const file = files?.[0];
    if (file) void controller.openFile(file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    onFiles(e.dataTransfer.files);
  };

  return (
    <section
      className={`dropzone${over ? ' dropzone-over' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="dropzone-title">Drop a video here</p>
      <p className="muted">MP4, WebM or MKV (H.264, VP9, AV1). It is analysed on this device and never uploaded.</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => inputRef.current?.click()}>
          Choose a video…
        </button>
        <label className="muted">
          Analyse{' '}
          <select
            data-testid="sampling-select"
            value={sampleFps === undefined ? 'all' : String(sampleFps)}
            onChange={(e) => setSampleFps(e.target.value === 'all' ? undefined : Number(e.target.value))}
          >
            {SAMPLING_CHOICES.map((c) => (
              <option key={c.label} value={c.fps === undefined ? 'all' : String(c.fps)}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <input
        ref={inputRef}
        data-testid="file-input"
        type="file"
        accept="video/*,.mp4,.webm,.mkv,.mov"
        hidden
        onChange={(e) => {
          onFiles(e.target.files);
          e.target.value = '';
        }}
      />
    </section>
  );
}

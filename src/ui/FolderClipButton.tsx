import { useAppStore, useController } from './store-context';

/**
 * A folder clip's name in its table: once the folder is done, a button that opens the clip in the
 * player (analysed as a single file, its tracks and vote shown) while the folder's results stay.
 */
export function FolderClipButton({ file }: { file: string }) {
  const controller = useController();
  const finished = useAppStore((s) => s.evaluation.phase === 'done' || s.evaluation.phase === 'canceled');
  const open = useAppStore((s) => s.evaluation.openedClip === file);
  if (!finished) return <>{file}</>;
  return (
    <button
      type="button"
      className="clip-link"
      data-testid="open-folder-clip"
      data-file={file}
      aria-current={open ? 'true' : undefined}
      title="Open this clip in the player: its faces, vote and answer"
      onClick={() => void controller.openFolderClip(file)}
    >
      {file}
    </button>
  );
}

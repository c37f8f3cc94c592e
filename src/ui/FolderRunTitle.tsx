import { useAppStore } from './store-context';

/** A folder run's heading: `title`, then how many clips are done, which one runs now, and which one is open below. */
export function FolderRunTitle({ title }: { title: string }) {
  const ev = useAppStore((s) => s.evaluation);
  return (
    <h2>
      {title}{' '}
      <span className="muted">
        {ev.done} / {ev.total} clips{ev.phase === 'running' && ev.current ? ` · now ${ev.current}` : ''}
        {ev.phase === 'done' ? ' · done' : ''}
        {ev.phase === 'canceled' ? ' · canceled' : ''}
        {ev.openedClip ? ` · ${ev.openedClip} open below` : ''}
      </span>
    </h2>
  );
}

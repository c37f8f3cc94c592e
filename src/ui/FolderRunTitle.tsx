import { describeTimeLeft, secondsLeft } from '../shared/time-left';
import { useAppStore } from './store-context';

/** A folder run's heading: `title`, then how many clips are done, which one runs now, and which one is open below. */
export function FolderRunTitle({ title }: { title: string }) {
  const ev = useAppStore((s) => s.evaluation);
  // Re-read at each clip done (the title renders then), from the pace so far.
  const left = ev.phase === 'running' ? secondsLeft(ev.done, ev.total, (Date.now() - ev.startedAtMs) / 1000) : null;
  return (
    <h2>
      {title}{' '}
      <span className="muted">
        {ev.done} / {ev.total} clips{ev.phase === 'running' && ev.current ? ` · now ${ev.current}` : ''}
        {left !== null && <span data-testid="time-left">{` · ${describeTimeLeft(left)}`}</span>}
        {ev.phase === 'done' ? ' · done' : ''}
        {ev.phase === 'canceled' ? ' · canceled' : ''}
        {ev.openedClip ? ` · ${ev.openedClip} open below` : ''}
      </span>
    </h2>
  );
}

import type { PersonGroup } from '../shared/evaluate-folder';
import { MIN_REFERENCE_CLIPS } from '../core/calibration/reference-windows';

/** The people a folder's clips were grouped into (by face), each its own calibration reference. */
export function PersonGroups({ groups, clips }: { groups: readonly PersonGroup[]; clips: number }) {
  const alone = clips - groups.reduce((n, g) => n + g.clips.length, 0);
  return (
    <details className="person-groups" data-testid="person-groups" data-groups={groups.length} open>
      <summary>
        {groups.length} {groups.length === 1 ? 'person' : 'people'} found by face
        <span className="muted"> · each person’s clips are their own reference (calibrated view)</span>
        {alone > 0 && (
          <span className="muted" data-testid="ungrouped-clips" data-count={alone}>
            {' '}
            · {alone} clip{alone === 1 ? '' : 's'} in no group (no face found, or the clip failed): predicted alone
          </span>
        )}
      </summary>
      <ul>
        {groups.map((g) => (
          <li key={g.id} data-testid="person-group" data-id={g.id} data-clips={g.clips.join(' ')} data-reference={g.reference}>
            <strong>Person {g.id}</strong> · {g.clips.length} clip{g.clips.length === 1 ? '' : 's'}
            {g.reference ? '' : ` · too few to calibrate (needs ${MIN_REFERENCE_CLIPS}), predicted alone`}
            <span className="muted"> — {g.clips.join(', ')}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

import { EMOTION_LABELS } from '../core/labels';

const SHORT = (l: string) => l.slice(0, 3);

/** Counts[true][predicted] as a table; shading and numbers both carry the count. Cells are buttons. */
export function ConfusionMatrix({
  counts,
  onCell,
  active,
}: {
  counts: number[][];
  onCell: (truth: number, predicted: number) => void;
  active: [number, number] | null;
}) {
  const max = Math.max(1, ...counts.flat());
  return (
    <table className="confusion" data-testid="confusion-table">
      <caption className="muted small">rows: true label · columns: predicted</caption>
      <thead>
        <tr>
          <th scope="col" aria-label="true label" />
          {EMOTION_LABELS.map((l) => (
            <th key={l} scope="col" title={l}>
              {SHORT(l)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {counts.map((row, t) => (
          <tr key={t}>
            <th scope="row" title={EMOTION_LABELS[t]}>
              {EMOTION_LABELS[t]}
            </th>
            {row.map((n, p) => {
              const isActive = active?.[0] === t && active[1] === p;
              return (
                <td key={p} className={t === p ? 'diag' : ''}>
                  <button
                    type="button"
                    className={`cell${isActive ? ' cell-active' : ''}`}
                    data-count={n}
                    data-truth={EMOTION_LABELS[t]}
                    data-predicted={EMOTION_LABELS[p]}
                    style={{ background: n > 0 ? `rgba(0,114,178,${0.12 + (0.75 * n) / max})` : undefined, color: n / max > 0.55 ? '#fff' : undefined }}
                    onClick={() => onCell(t, p)}
                    aria-label={`${n} clips labelled ${EMOTION_LABELS[t]} predicted ${EMOTION_LABELS[p]}`}
                    disabled={n === 0}
                  >
                    {n}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

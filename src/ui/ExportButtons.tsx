import { useAppStore, useController } from './store-context';

/** Downloads what `npm run analyze` / `npm run evaluate` would write for the same input. */
export function ExportButtons() {
  const controller = useController();
  const ready = useAppStore((s) => (s.video.source === 'folder' ? s.evaluation.phase === 'done' : s.video.phase === 'done' && s.video.source === 'file'));
  if (!ready) return null;
  return (
    <div className="row row-start">
      <button type="button" className="primary" data-testid="export-json" onClick={() => controller.exportJson()}>
        Export JSON
      </button>
      <button type="button" className="secondary" data-testid="export-csv" onClick={() => controller.exportCsv()}>
        Export CSV
      </button>
    </div>
  );
}

import { useAppStore } from './store-context';

/** Messages for the user; dismissing one never clears results. */
export function ErrorBanner() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="banner" data-testid="error-banner" role="alert">
      {notices.map((n) => (
        <p key={n.id} className={`notice notice-${n.kind}`}>
          <span>{n.text}</span>
          <button type="button" className="link" onClick={() => dismiss(n.id)} aria-label="Dismiss message">
            ×
          </button>
        </p>
      ))}
    </div>
  );
}

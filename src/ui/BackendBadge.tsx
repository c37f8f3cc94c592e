import { useAppStore } from './store-context';

/** Shows which compute backend runs the networks (WebGPU, WASM or WebGL). */
export function BackendBadge() {
  const backend = useAppStore((s) => s.backend);
  const text =
    backend.phase === 'ready' ? `backend: ${backend.active}` : backend.phase === 'starting' ? 'backend: starting…' : 'backend: none';
  return (
    <span className={`badge badge-${backend.phase}`} data-testid="backend-badge" title="tfjs compute backend">
      {text}
    </span>
  );
}

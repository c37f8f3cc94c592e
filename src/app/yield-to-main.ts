/**
 * Resolves in a later task, so the work after `await yieldToMain()` runs (and renders) on its own
 * instead of lengthening the task that is running — a long task blocks playback and input.
 */
export function yieldToMain(): Promise<void> {
  // scheduler.yield (Chromium ≥ 129) resumes ahead of other queued tasks; a timeout elsewhere.
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

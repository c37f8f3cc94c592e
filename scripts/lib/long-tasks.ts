/** The main-thread long-task observer the benchmarks install in the page before its own scripts. */

/**
 * Collects main-thread long tasks (> 50 ms) from page start, and the long animation frames that
 * blocked, with the script that ran longest in each (what to fix next). Each is labelled with the
 * analysis phase and whether the video was playing when it started, from a log of both.
 */
export const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  window.__blockingFrames = [];
  window.__states = [];
  const note = () => {
    const phase = document.querySelector('[data-testid=progress]')?.getAttribute('data-phase') ?? 'idle';
    const video = document.querySelector('video');
    const playing = !!video && !video.paused && !video.ended;
    const last = window.__states[window.__states.length - 1];
    if (last?.phase !== phase || last?.playing !== playing) window.__states.push({ t: performance.now(), phase, playing });
  };
  for (const type of ['play', 'pause', 'ended']) document.addEventListener(type, note, true);
  new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
  const at = (t) => {
    let state = { phase: 'idle', playing: false };
    for (const s of window.__states) if (s.t <= t) state = s;
    return { phase: state.phase, playing: state.playing };
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ ms: e.duration, ...at(e.startTime) });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!(e.blockingDuration > 0)) continue;
      const top = [...(e.scripts || [])].sort((a, b) => b.duration - a.duration)[0];
      window.__blockingFrames.push({
        ms: Math.round(e.duration),
        script: top ? top.invoker + ' in ' + (top.sourceURL || '').split('/').pop() : 'rendering',
        ...at(e.startTime),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
`;

/** One main-thread long task, with the analysis phase and whether the video played when it started. */
export interface LongTask {
  ms: number;
  phase: string;
  playing: boolean;
}
/** What the observer keeps on `window`. */
export type PageWithTasks = { __longTasks: LongTask[]; __blockingFrames: (LongTask & { script: string })[]; __states: unknown[] };

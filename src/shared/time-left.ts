/**
 * How long a folder run has left, from the pace of the clips done so far: a dataset dropped whole
 * (RAVDESS's 1440 speech clips take about two hours on WASM) should say so while it runs. Pure: the
 * page's folder title and the evaluate CLI share it.
 */

/** Seconds left for `total` clips when `done` of them took `elapsedSec`; null until two are done (one clip also paid the models' loading). */
export function secondsLeft(done: number, total: number, elapsedSec: number): number | null {
  if (done < 2 || done >= total || !(elapsedSec > 0)) return null;
  return (elapsedSec / done) * (total - done);
}

/** `seconds` in words: "under a minute left", "about 7 min left", "about 1 h 50 min left". */
export function describeTimeLeft(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return 'under a minute left';
  if (minutes < 60) return `about ${minutes} min left`;
  const rest = minutes % 60;
  return `about ${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''} left`;
}

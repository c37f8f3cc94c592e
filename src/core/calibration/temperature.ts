/**
 * Temperature scaling (Guo et al. 2017): p_T ∝ p^(1/T). One number fitted on held-out predictions so
 * that the answer's probability means what it says; it never changes which class is on top.
 */

/** `probs` (summing to 1) at temperature `t`; zeros stay zero. */
export function applyTemperature(probs: readonly number[], t: number): number[] {
  if (!(t > 0)) throw new TypeError(`temperature must be > 0, got ${t}`);
  const logs = probs.map((p) => (p > 0 ? Math.log(p) / t : -Infinity));
  const max = Math.max(...logs);
  const exps = logs.map((l) => (l === -Infinity ? 0 : Math.exp(l - max)));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

function nll(probs: readonly (readonly number[])[], labels: readonly number[], t: number): number {
  return probs.reduce((s, p, i) => s - Math.log(Math.max(applyTemperature(p, t)[labels[i]!]!, 1e-12)), 0) / probs.length;
}

/** The temperature in [0.05, 20] minimising the mean negative log-likelihood (golden-section search on log T). */
export function fitTemperature(probs: readonly (readonly number[])[], labels: readonly number[]): number {
  if (probs.length === 0 || probs.length !== labels.length) throw new TypeError('fitTemperature: need equally many (≥ 1) rows and labels');
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = nll(probs, labels, Math.exp(a));
  let fb = nll(probs, labels, Math.exp(b));
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = nll(probs, labels, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = nll(probs, labels, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Expected calibration error: clips binned by the top probability (equal-width bins), the
 * clip-weighted mean |accuracy − mean top probability| over the bins.
 */
export function expectedCalibrationError(probs: readonly (readonly number[])[], labels: readonly number[], bins = 10): number {
  if (probs.length === 0 || probs.length !== labels.length) throw new TypeError('expectedCalibrationError: need equally many (≥ 1) rows and labels');
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  probs.forEach((p, i) => {
    const top = Math.max(...p);
    const bin = Math.min(bins - 1, Math.floor(top * bins));
    count[bin]!++;
    conf[bin]! += top;
    if (p.indexOf(top) === labels[i]) hits[bin]!++;
  });
  return count.reduce((s, n, b) => (n ? s + Math.abs(hits[b]! - conf[b]!) : s), 0) / probs.length;
}

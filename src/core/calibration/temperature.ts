/**
 * Temperature scaling (Guo et al., ICML 2017): one number T that softens (T > 1) or sharpens
 * (T < 1) a classifier's probabilities so the top probability matches how often it is right.
 * Pure functions; the training protocol fits T on held-out predictions and writes it to
 * ensemble.json, the app applies it to its answer.
 */

const EPS = 1e-12;

/** softmax(log p / T): `probs` rescaled at temperature `temperature` (> 0). */
export function applyTemperature(probs: ArrayLike<number>, temperature: number): number[] {
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new TypeError(`applyTemperature: temperature must be a positive number, got ${temperature}`);
  const logits = Array.from(probs, (p) => Math.log(Math.max(p, EPS)) / temperature);
  const max = Math.max(...logits);
  const exp = logits.map((l) => Math.exp(l - max));
  const sum = exp.reduce((s, e) => s + e, 0);
  return exp.map((e) => e / sum);
}

/** Mean negative log-likelihood of the true labels under `probs` at temperature `temperature`. */
export function negativeLogLikelihood(probs: readonly ArrayLike<number>[], labels: readonly number[], temperature = 1): number {
  checkPairs(probs, labels, 'negativeLogLikelihood');
  const total = probs.reduce((s, p, i) => s - Math.log(Math.max(applyTemperature(p, temperature)[labels[i]!]!, EPS)), 0);
  return total / probs.length;
}

/**
 * The temperature in [0.05, 20] that minimises the NLL of `labels` (golden-section search on log T;
 * the NLL is unimodal in T for a fixed set of predictions).
 */
export function fitTemperature(probs: readonly ArrayLike<number>[], labels: readonly number[]): number {
  checkPairs(probs, labels, 'fitTemperature');
  const f = (logT: number) => negativeLogLikelihood(probs, labels, Math.exp(logT));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 60 && hi - lo > 1e-5; i++) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Expected calibration error: the predictions binned by their top probability into `bins` equal
 * bins; the mean over bins (weighted by size) of |accuracy − mean top probability|.
 */
export function expectedCalibrationError(probs: readonly ArrayLike<number>[], labels: readonly number[], bins = 10): number {
  checkPairs(probs, labels, 'expectedCalibrationError');
  if (!(Number.isInteger(bins) && bins > 0)) throw new TypeError(`expectedCalibrationError: bins must be a positive integer, got ${bins}`);
  const count = new Array<number>(bins).fill(0);
  const correct = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  probs.forEach((p, i) => {
    const values = Array.from(p);
    const top = Math.max(...values);
    const bin = Math.min(bins - 1, Math.floor(top * bins));
    count[bin]!++;
    confidence[bin]! += top;
    if (values.indexOf(top) === labels[i]) correct[bin]!++;
  });
  return count.reduce((s, n, b) => (n === 0 ? s : s + (n / probs.length) * Math.abs(correct[b]! / n - confidence[b]! / n)), 0);
}

function checkPairs(probs: readonly ArrayLike<number>[], labels: readonly number[], name: string): void {
  if (probs.length === 0 || probs.length !== labels.length) {
    throw new TypeError(`${name}: need as many labels as predictions (≥ 1), got ${probs.length} and ${labels.length}`);
  }
}

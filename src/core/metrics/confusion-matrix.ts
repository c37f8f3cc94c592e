/** Confusion matrices: counts (rows = true class, columns = predicted) and row-normalised. */
import { NUM_EMOTIONS } from '../labels';

/** Throws a TypeError unless yTrue and yPred are equal-length, non-empty lists of class indices. */
export function checkLabels(yTrue: readonly number[], yPred: readonly number[], numClasses: number): void {
  if (yTrue.length !== yPred.length) throw new TypeError(`metrics: ${yTrue.length} true labels but ${yPred.length} predictions`);
  if (yTrue.length === 0) throw new TypeError('metrics: no examples');
  for (const [name, ys] of [['yTrue', yTrue], ['yPred', yPred]] as const) {
    ys.forEach((y, i) => {
      if (!Number.isInteger(y) || y < 0 || y >= numClasses) throw new TypeError(`metrics: ${name}[${i}] = ${y} is not a class index < ${numClasses}`);
    });
  }
}

/** counts[t][p] = number of examples of true class t predicted as p. */
export function confusionMatrix(yTrue: readonly number[], yPred: readonly number[], numClasses: number = NUM_EMOTIONS): number[][] {
  checkLabels(yTrue, yPred, numClasses);
  const counts = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  yTrue.forEach((t, i) => counts[t]![yPred[i]!]! += 1);
  return counts;
}

/** Each row divided by its sum (M_norm); a class with no examples gets null (absent), never zeros. */
export function normalizeRows(counts: readonly (readonly number[])[]): (number[] | null)[] {
  return counts.map((row) => {
    const total = row.reduce((s, c) => s + c, 0);
    return total > 0 ? row.map((c) => c / total) : null;
  });
}

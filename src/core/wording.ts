/**
 * Numbers in the sentences emolens writes. Pure.
 */

/**
 * `value`, known to be under `limit`, with `digits` decimals — or with one more, rounded down,
 * where `digits` would read as the limit or above it: a score of 0.2996 read "scored 0.30 (under
 * 0.3)", a confidence of 39.6 % "(40 %) is under 40 %".
 */
export function formatUnder(value: number, limit: number, digits: number): string {
  const shown = value.toFixed(digits);
  if (Number(shown) < limit) return shown;
  const scale = 10 ** (digits + 1);
  return (Math.floor(value * scale + 1e-6) / scale).toFixed(digits + 1);
}

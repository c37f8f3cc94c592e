/**
 * Hungarian (Kuhn–Munkres) assignment for rectangular cost matrices with +Infinity entries
 * (gated pairs), as used by the tracker (§3.3.3, eq. 7).
 */

/** Result of {@link hungarian}: one column (or -1) per row, the kept pairs and their total cost. */
export interface Assignment {
  /** rowToCol[i] = column assigned to row i, or -1 when row i is unassigned. */
  readonly rowToCol: number[];
  /** colToRow[j] = row assigned to column j, or -1. */
  readonly colToRow: number[];
  /** The kept (row, col) pairs, by row. */
  readonly pairs: [number, number][];
  /** Sum of the kept pairs' costs. */
  readonly cost: number;
}

/**
 * Minimum-cost assignment: each row gets at most one column and vice versa; pairs whose cost is
 * +Infinity are never returned. Among assignments it first maximises the number of finite pairs,
 * then minimises their total cost (Infinity is padded internally with a finite sentinel larger than
 * any finite solution, and sentinel cells are dropped from the result).
 */
export function hungarian(cost: readonly (readonly number[])[]): Assignment {
  const rows = cost.length;
  const cols = rows === 0 ? 0 : cost[0]!.length;
  let maxAbs = 0;
  cost.forEach((row, i) => {
    if (row.length !== cols) throw new TypeError(`hungarian: row ${i} has ${row.length} columns, expected ${cols}`);
    row.forEach((c) => {
      if (Number.isNaN(c) || c === -Infinity) throw new TypeError(`hungarian: cost must be a number or +Infinity, got ${c}`);
      if (c !== Infinity) maxAbs = Math.max(maxAbs, Math.abs(c));
    });
  });
  const rowToCol = new Array<number>(rows).fill(-1);
  const colToRow = new Array<number>(cols).fill(-1);
  if (rows === 0 || cols === 0) return { rowToCol, colToRow, pairs: [], cost: 0 };

  // A sentinel cell costs more than any difference between two finite solutions can repay.
  const sentinel = 2 * (Math.min(rows, cols) + 1) * (maxAbs + 1);
  const transposed = rows > cols;
  const n = transposed ? cols : rows;
  const m = transposed ? rows : cols;
  const at = (i: number, j: number): number => {
    const c = transposed ? cost[j]![i]! : cost[i]![j]!;
    return c === Infinity ? sentinel : c;
  };
  const rowOfCol = solveSquareish(n, m, at);
  const pairs: [number, number][] = [];
  let total = 0;
  rowOfCol.forEach((i, j) => {
    if (i < 0) return;
    const [r, c] = transposed ? [j, i] : [i, j];
    const value = cost[r]![c]!;
    if (value === Infinity) return;
    rowToCol[r] = c;
    colToRow[c] = r;
    total += value;
  });
  rowToCol.forEach((c, r) => c >= 0 && pairs.push([r, c]));
  return { rowToCol, colToRow, pairs, cost: total };
}

/** O(n²m) shortest-augmenting-path Hungarian for n ≤ m; returns, per column, its row or -1. */
function solveSquareish(n: number, m: number, at: (i: number, j: number) => number): number[] {
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // p[j] = row (1-based) matched to column j (1-based); 0 = none
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = at(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  return Array.from(p.subarray(1), (row) => row - 1);
}

/**
 * Node-only: take a V8 heap snapshot of a page over CDP and summarise it by what the objects are
 * (constructor or kind), so two moments of a long run can be compared: what grew, by how much.
 */
import type { Page } from '@playwright/test';

/** Live objects of one kind: how many and their own (shallow) size in bytes. */
export interface HeapGroup {
  count: number;
  bytes: number;
}

/** Kinds whose node names are contents (string text, code names), grouped by the kind alone. */
const GROUP_BY_TYPE = new Set(['string', 'concatenated string', 'sliced string', 'number', 'code', 'symbol', 'bigint']);

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Groups a parsed .heapsnapshot's nodes by `type name` (objects, closures, arrays…) or by type. */
export function summariseSnapshot(raw: RawSnapshot): Map<string, HeapGroup> {
  const fields = raw.snapshot.meta.node_fields;
  const types = raw.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const groups = new Map<string, HeapGroup>();
  for (let i = 0; i < raw.nodes.length; i += width) {
    const type = types[raw.nodes[i + typeAt]!]!;
    const key = GROUP_BY_TYPE.has(type) ? `(${type})` : `${type} ${raw.strings[raw.nodes[i + nameAt]!]}`;
    const g = groups.get(key) ?? { count: 0, bytes: 0 };
    g.count++;
    g.bytes += raw.nodes[i + sizeAt]!;
    groups.set(key, g);
  }
  return groups;
}

/** Takes a snapshot of `page` (after a garbage collection) and summarises it. */
export async function heapSummary(page: Page): Promise<Map<string, HeapGroup>> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e: { chunk: string }) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return summariseSnapshot(JSON.parse(chunks.join('')) as RawSnapshot);
}

/** The `top` groups that grew most in bytes from `before` to `after` (negative: shrank). */
export function heapGrowth(before: Map<string, HeapGroup>, after: Map<string, HeapGroup>, top = 15) {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const rows = [...keys].map((key) => {
    const a = before.get(key) ?? { count: 0, bytes: 0 };
    const b = after.get(key) ?? { count: 0, bytes: 0 };
    return { group: key, countDelta: b.count - a.count, kibDelta: Math.round((b.bytes - a.bytes) / 102.4) / 10, kibAfter: Math.round(b.bytes / 102.4) / 10 };
  });
  const total = (m: Map<string, HeapGroup>) => [...m.values()].reduce((s, g) => s + g.bytes, 0);
  return {
    totalMiBBefore: Math.round((total(before) / 2 ** 20) * 100) / 100,
    totalMiBAfter: Math.round((total(after) / 2 ** 20) * 100) / 100,
    grew: rows.sort((x, y) => y.kibDelta - x.kibDelta).slice(0, top),
  };
}

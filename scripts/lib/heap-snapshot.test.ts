import { describe, expect, it } from 'vitest';
import { heapGrowth, summariseSnapshot } from './heap-snapshot';

/** A hand-made snapshot in V8's layout: 3 fields per node (type, name, self_size). */
function snapshot(nodes: [type: number, name: number, size: number][]) {
  return {
    snapshot: { meta: { node_fields: ['type', 'name', 'self_size'], node_types: [['object', 'string', 'code']] as [string[]] } },
    nodes: nodes.flat(),
    strings: ['Foo', 'some text', 'Bar', 'other text'],
  };
}

describe('heap snapshot summaries', () => {
  it('groups objects by constructor and strings/code by kind, then lists what grew', () => {
    const before = summariseSnapshot(snapshot([[0, 0, 10], [1, 1, 20], [2, 0, 100]]));
    expect(before.get('object Foo')).toEqual({ count: 1, bytes: 10 });
    expect(before.get('(string)')).toEqual({ count: 1, bytes: 20 });
    expect(before.get('(code)')).toEqual({ count: 1, bytes: 100 });
    const after = summariseSnapshot(snapshot([[0, 0, 10], [0, 2, 3072], [1, 1, 20], [1, 3, 24], [2, 0, 100], [2, 2, 2048]]));
    const growth = heapGrowth(before, after, 2);
    expect(growth.grew.map((g) => [g.group, g.countDelta, g.kibDelta])).toEqual([
      ['object Bar', 1, 3],
      ['(code)', 1, 2],
    ]);
  });
});

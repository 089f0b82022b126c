import { describe, expect, it } from 'vitest';
import { DirectionIndex } from '../../src/capture/direction-index.js';

describe('direction index', () => {
  it('tells directions apart by protocol, addresses and ports, whatever was looked up last', () => {
    const index = new DirectionIndex<string>();
    index.set('tcp', '10.0.0.1', 40000, '93.184.216.34', 443, 'out');
    index.set('tcp', '93.184.216.34', 443, '10.0.0.1', 40000, 'back');
    index.set('udp', '10.0.0.1', 40000, '93.184.216.34', 443, 'quic');
    // The same lookups in varying order, so an answer remembered from the previous lookup is tested against each.
    const lookups: [Parameters<DirectionIndex<string>['get']>, string | undefined][] = [
      [['tcp', '10.0.0.1', 40000, '93.184.216.34', 443], 'out'],
      [['tcp', '10.0.0.1', 40000, '93.184.216.34', 443], 'out'],
      [['udp', '10.0.0.1', 40000, '93.184.216.34', 443], 'quic'],
      [['tcp', '93.184.216.34', 443, '10.0.0.1', 40000], 'back'],
      [['tcp', '10.0.0.1', 40001, '93.184.216.34', 443], undefined],
      [['tcp', '10.0.0.1', 40000, '93.184.216.35', 443], undefined],
      // Equal text in a different string instance finds the same direction.
      [['tcp', ['10', '0', '0', '1'].join('.'), 40000, '93.184.216.34', 443], 'out'],
    ];
    for (const order of [lookups, [...lookups].reverse()]) {
      for (const [key, expected] of order) expect(index.get(...key), key.join(' ')).toBe(expected);
    }
    expect(index.size).toBe(3);
  });

  it('answers with the new value after a direction is set again, and with nothing after clear', () => {
    const index = new DirectionIndex<string>();
    index.set('tcp', '10.0.0.1', 1, '10.0.0.2', 2, 'first');
    expect(index.get('tcp', '10.0.0.1', 1, '10.0.0.2', 2)).toBe('first');
    index.set('tcp', '10.0.0.1', 1, '10.0.0.2', 2, 'second');
    expect(index.get('tcp', '10.0.0.1', 1, '10.0.0.2', 2)).toBe('second');
    expect(index.size).toBe(1);
    index.clear();
    expect(index.get('tcp', '10.0.0.1', 1, '10.0.0.2', 2)).toBeUndefined();
    expect(index.size).toBe(0);
  });
});

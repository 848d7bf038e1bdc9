import { describe, expect, it } from 'vitest';
import { Pulses } from '../../../renderer/src/map/pulses.js';

describe('map pulses', () => {
  it('one ring per site: events during its ring are absorbed, the next ring starts after it', () => {
    const p = new Pulses<string>(16, 1000);
    let made = 0;
    const make = () => `ring${++made}`;
    expect(p.start('a', 0, make)).toBe('ring1');
    expect(p.start('a', 500, make)).toBeNull(); // absorbed: the ring keeps widening
    expect(p.size).toBe(1);
    const ended: string[] = [];
    const progress: number[] = [];
    p.advance(900, (_, x) => progress.push(x), (r) => ended.push(r));
    expect(progress).toEqual([0.9]);
    p.advance(1000, () => undefined, (r) => ended.push(r));
    expect(ended).toEqual(['ring1']);
    expect(p.start('a', 1100, make)).toBe('ring2'); // a site under steady attack beats once per ring
  });

  it('at most `max` rings at once, however many sites fire', () => {
    const p = new Pulses<number>(16, 1800);
    let created = 0;
    for (let i = 0; i < 2000; i++) p.start(`site-${i % 50}`, i, () => ++created);
    expect(p.size).toBe(16);
    expect(created).toBe(16);
  });

  it('moves every ring by its progress and ends each once, at its time', () => {
    const p = new Pulses<string>(4, 1000);
    p.start('a', 0, () => 'a');
    p.start('b', 400, () => 'b');
    const steps: [string, number][] = [];
    const ends: string[] = [];
    p.advance(500, (r, x) => steps.push([r, x]), (r) => ends.push(r));
    expect(steps).toEqual([
      ['a', 0.5],
      ['b', 0.1],
    ]);
    p.advance(1000, () => undefined, (r) => ends.push(r));
    p.advance(1400, () => undefined, (r) => ends.push(r));
    p.advance(5000, () => undefined, (r) => ends.push(r));
    expect(ends).toEqual(['a', 'b']);
    p.start('c', 0, () => 'c');
    p.clear((r) => ends.push(r));
    expect(ends).toEqual(['a', 'b', 'c']);
    expect(p.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { throughputChart } from '../../scripts/bench/chart';
import { table } from '../../scripts/bench/markdown';

import { percentile, ratio, summariseRounds } from '../../scripts/bench/stats';

describe('bench figures', () => {
  it('percentile is the nearest-rank value', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('a route over rounds: each round against its own /health, the median round by req/s', () => {
    expect(summariseRounds([100, 300, 200], [400, 400, 200])).toEqual({ medianRound: 2, share: { median: 0.75, low: 0.25, high: 1 } });
    expect(summariseRounds([50], [100])).toEqual({ medianRound: 0, share: { median: 0.5, low: 0.5, high: 0.5 } });
  });

  it('ratio says n/a rather than dividing by zero', () => {
    expect(ratio(50, 200)).toBe('0.25×');
    expect(ratio(50, 0)).toBe('n/a');
  });

  it('a markdown table aligns figures right and the first column left unless told', () => {
    expect(table(['a', 'b'], [['x', 1]])).toBe('| a | b |\n| --- | ---: |\n| x | 1 |');
    expect(table(['a', 'b'], [['x', 'y']], 'll')).toContain('| --- | --- |');
  });

  it('the chart draws each route as a bar proportional to /health, escaping names', () => {
    const svg = throughputChart([{ name: 'GET /health', rps: 200 }, { name: 'GET /x?a=1&b=<2>', rps: 50 }], 'title');
    const widths = [...svg.matchAll(/<rect x="250" y="\d+" width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([420, 105]);
    expect(svg).toContain('GET /x?a=1&amp;b=&lt;2&gt;');
    expect(svg).toContain('25 % (50/s)');
  });
});

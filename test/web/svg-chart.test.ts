import { expect, it } from 'vitest';
import { barLineChart } from '../../src/web/svg-chart.js';

const options = {
  title: 'Clicks and commission',
  barLabel: 'clicks',
  lineLabel: 'commission',
  formatLine: (minor: number) => `EUR ${(minor / 100).toFixed(2)}`,
};

it('keeps the right-axis label inside the chart, however long the amount', () => {
  for (const line of [100, 10_000, 12_345_678]) {
    const svg = barLineChart([{ label: '01-01', bar: 3, line }], options);
    const label =
      /<text x="([\d.]+)" y="[\d.]+" font-size="11" text-anchor="end" fill="#d9480f">([^<]+)<\/text>/.exec(
        svg,
      )!;
    expect(Number(label[1])).toBeLessThanOrEqual(720);
    // The plot ends left of the label: the axis line stops before the label's start.
    const axisEnd = Number(/<line x1="[\d.]+" y1="[\d.]+" x2="([\d.]+)"/.exec(svg)![1]);
    expect(axisEnd + label[2]!.length * 6.1).toBeLessThanOrEqual(Number(label[1]));
  }
});

it('draws the commission of a single point (one sub id) as a dot, several as a line', () => {
  const one = barLineChart([{ label: 'newsletter', bar: 10, line: 639 }], options);
  expect(one).toContain('<circle');
  expect(one).toContain('newsletter: EUR 6.39 commission');
  expect(one).not.toContain('<polyline');
  const two = barLineChart(
    [
      { label: 'a', bar: 1, line: 100 },
      { label: 'b', bar: 2, line: 200 },
    ],
    options,
  );
  expect(two).toContain('<polyline');
  expect(two.match(/<circle/g)).toHaveLength(2);
});

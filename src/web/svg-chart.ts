import { escapeHtml } from './html.js';

export interface ChartPoint {
  label: string;
  /** Drawn as bars against the left axis. */
  bar: number;
  /** Drawn as a line against the right axis. */
  line: number;
}

const W = 720;
const H = 220;
const PAD = { left: 44, right: 56, top: 16, bottom: 28 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

/**
 * A bar-and-line chart as inline SVG: readable without JavaScript, titled for screen readers,
 * each bar with a tooltip. `formatLine` formats the line's axis and tooltips (e.g. money).
 */
export function barLineChart(
  points: readonly ChartPoint[],
  options: {
    title: string;
    barLabel: string;
    lineLabel: string;
    formatLine: (value: number) => string;
  },
): string {
  const barMax = niceMax(Math.max(0, ...points.map((p) => p.bar)));
  const lineMax = niceMax(Math.max(0, ...points.map((p) => p.line)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = points.length === 0 ? plotW : plotW / points.length;
  const y = (value: number, max: number) => PAD.top + plotH - (value / max) * plotH;
  const bars = points
    .map((p, i) => {
      const x = PAD.left + i * step + step * 0.15;
      const top = y(p.bar, barMax);
      return `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${(PAD.top + plotH - top).toFixed(1)}" fill="#9ec5fe"><title>${escapeHtml(`${p.label}: ${p.bar} ${options.barLabel}, ${options.formatLine(p.line)} ${options.lineLabel}`)}</title></rect>`;
    })
    .join('');
  const line = points
    .map(
      (p, i) => `${(PAD.left + i * step + step / 2).toFixed(1)},${y(p.line, lineMax).toFixed(1)}`,
    )
    .join(' ');
  const every = Math.max(1, Math.ceil(points.length / 8));
  const labels = points
    .map((p, i) =>
      i % every === 0
        ? `<text x="${(PAD.left + i * step + step / 2).toFixed(1)}" y="${H - 8}" font-size="11" text-anchor="middle" fill="#5d6677">${escapeHtml(p.label)}</text>`
        : '',
    )
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(options.title)}" xmlns="http://www.w3.org/2000/svg">
<title>${escapeHtml(options.title)}</title>
<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}" stroke="#dde2ea"/>
<text x="${PAD.left - 6}" y="${PAD.top + 4}" font-size="11" text-anchor="end" fill="#1c5fb8">${barMax}</text>
<text x="${PAD.left - 6}" y="${PAD.top + plotH}" font-size="11" text-anchor="end" fill="#5d6677">0</text>
<text x="${W - PAD.right + 6}" y="${PAD.top + 4}" font-size="11" fill="#d9480f">${escapeHtml(options.formatLine(lineMax))}</text>
${bars}
${points.length > 0 ? `<polyline points="${line}" fill="none" stroke="#d9480f" stroke-width="2"/>` : ''}
${labels}
<text x="${PAD.left}" y="12" font-size="11" fill="#1c5fb8">■ ${escapeHtml(options.barLabel)}</text>
<text x="${PAD.left + 140}" y="12" font-size="11" fill="#d9480f">— ${escapeHtml(options.lineLabel)}</text>
</svg>`;
}

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
/** Width of a character of the 11px axis labels, generously (digits and "EUR" are ~6.1px). */
const CHAR_PX = 6.6;

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
  // The right axis is as wide as its label ("EUR 100.00"), so the label is never clipped.
  const lineMaxText = options.formatLine(lineMax);
  const right = Math.max(PAD.right, Math.ceil(lineMaxText.length * CHAR_PX) + 12);
  const barMaxText = String(barMax);
  const left = Math.max(PAD.left, Math.ceil(barMaxText.length * CHAR_PX) + 12);
  const plotW = W - left - right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = points.length === 0 ? plotW : plotW / points.length;
  const y = (value: number, max: number) => PAD.top + plotH - (value / max) * plotH;
  const bars = points
    .map((p, i) => {
      const x = left + i * step + step * 0.15;
      const top = y(p.bar, barMax);
      return `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${(PAD.top + plotH - top).toFixed(1)}" fill="#9ec5fe"><title>${escapeHtml(`${p.label}: ${p.bar} ${options.barLabel}, ${options.formatLine(p.line)} ${options.lineLabel}`)}</title></rect>`;
    })
    .join('');
  const at = (p: ChartPoint, i: number) =>
    [(left + i * step + step / 2).toFixed(1), y(p.line, lineMax).toFixed(1)] as const;
  const line = points.map((p, i) => at(p, i).join(',')).join(' ');
  // A dot per point: the line is visible even with a single point (one sub id, one day).
  const dots = points
    .map((p, i) => {
      const [cx, cy] = at(p, i);
      return `<circle cx="${cx}" cy="${cy}" r="3" fill="#d9480f"><title>${escapeHtml(`${p.label}: ${options.formatLine(p.line)} ${options.lineLabel}`)}</title></circle>`;
    })
    .join('');
  const every = Math.max(1, Math.ceil(points.length / 8));
  const labels = points
    .map((p, i) =>
      i % every === 0
        ? `<text x="${(left + i * step + step / 2).toFixed(1)}" y="${H - 8}" font-size="11" text-anchor="middle" fill="#5d6677">${escapeHtml(p.label)}</text>`
        : '',
    )
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(options.title)}" xmlns="http://www.w3.org/2000/svg">
<title>${escapeHtml(options.title)}</title>
<line x1="${left}" y1="${PAD.top + plotH}" x2="${W - right}" y2="${PAD.top + plotH}" stroke="#dde2ea"/>
<text x="${left - 6}" y="${PAD.top + 4}" font-size="11" text-anchor="end" fill="#1c5fb8">${barMaxText}</text>
<text x="${left - 6}" y="${PAD.top + plotH}" font-size="11" text-anchor="end" fill="#5d6677">0</text>
<text x="${W - 4}" y="${PAD.top + 4}" font-size="11" text-anchor="end" fill="#d9480f">${escapeHtml(lineMaxText)}</text>
${bars}
${points.length > 1 ? `<polyline points="${line}" fill="none" stroke="#d9480f" stroke-width="2"/>` : ''}
${dots}
${labels}
<text x="${left}" y="12" font-size="11" fill="#1c5fb8">■ ${escapeHtml(options.barLabel)}</text>
<text x="${left + 140}" y="12" font-size="11" fill="#d9480f">— ${escapeHtml(options.lineLabel)}</text>
</svg>`;
}

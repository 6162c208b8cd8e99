import { h, s } from './dom.js';

const niceMax = (v) => {
  if (v <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * step).find((m) => m >= v);
};

/** events/s over time as an SVG line with its area, a y scale from zero and the time span below. */
export function rateChart(points, { width = 360, height = 120, label = '', empty = '' } = {}) {
  const pad = { left: 36, right: 8, top: 8, bottom: 20 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const svg = s('svg', {
    class: 'chart rate-chart',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': label,
    'data-points': points.length,
  });
  if (points.length < 2) {
    svg.append(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' }, empty));
    return svg;
  }
  const t0 = Date.parse(points[0].at);
  const t1 = Date.parse(points[points.length - 1].at);
  const max = niceMax(Math.max(...points.map((p) => p.eventsPerSecond)));
  const x = (p) => pad.left + ((Date.parse(p.at) - t0) / Math.max(1, t1 - t0)) * innerW;
  const y = (v) => pad.top + innerH - (v / max) * innerH;
  for (const v of [0, max / 2, max]) {
    svg.append(s('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'chart-grid' }));
    svg.append(
      s(
        'text',
        { x: pad.left - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'chart-axis' },
        Number.isInteger(v) ? v : v.toFixed(1),
      ),
    );
  }
  const line = points.map((p) => `${x(p).toFixed(1)},${y(p.eventsPerSecond).toFixed(1)}`).join(' ');
  svg.append(
    s('polygon', {
      points: `${pad.left},${y(0)} ${line} ${x(points[points.length - 1]).toFixed(1)},${y(0)}`,
      class: 'chart-area',
    }),
  );
  svg.append(s('polyline', { points: line, class: 'chart-line' }));
  const clock = (ms) =>
    new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  svg.append(s('text', { x: pad.left, y: height - 4, class: 'chart-axis' }, clock(t0)));
  svg.append(s('text', { x: width - pad.right, y: height - 4, 'text-anchor': 'end', class: 'chart-axis' }, clock(t1)));
  return svg;
}

/** Counts by name as horizontal bars (dead letters by error code). */
export function barList(rows, { empty = '' } = {}) {
  if (rows.length === 0) return h('p', { class: 'muted' }, empty);
  const max = Math.max(...rows.map((r) => r.count));
  return h(
    'ul',
    { class: 'bars' },
    rows.map((r) =>
      h(
        'li',
        { 'data-code': r.name },
        h('span', { class: 'bar-name' }, r.name),
        h(
          'span',
          { class: 'bar-track' },
          h('span', { class: 'bar', style: `width:${Math.max(4, (r.count / max) * 100)}%` }),
        ),
        h('span', { class: 'bar-count' }, r.count),
      ),
    ),
  );
}

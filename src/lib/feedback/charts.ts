/**
 * Charts drawn as static SVG when the site is built: no charting library, no
 * JavaScript, nothing to download. Each chart is an image with a title
 * (`role="img"`, `aria-labelledby`), and the page puts a data table beside it
 * for screen readers; the bars carry their numbers as text, so colour is never
 * the only cue. Styling comes from classes (feedback.css), not inline styles,
 * which the site's Content Security Policy would refuse.
 */

export interface BarDatum {
  label: string;
  value: number;
  /** A second figure drawn as a thinner bar under the first (distinct voices under comments). */
  secondary?: number;
}

interface BarGeometry {
  label: string;
  value: number;
  /** Top of the row: the label's line, then the bar under it. */
  y: number;
  /** Bar length; 0 for a zero value. */
  width: number;
  /** The second bar, when the data has one. */
  secondary?: { value: number; width: number };
}

export interface BarLayout {
  width: number;
  height: number;
  /** Offset of the bar below the top of its row. */
  barOffset: number;
  barHeight: number;
  /** Offset and height of the second bar, when the data has one. */
  secondaryOffset: number;
  secondaryHeight: number;
  bars: BarGeometry[];
}

/** Each row: a line of label text, then the bar. Labels above bars keep long section titles whole on a phone. */
const ROW = 46;
const LABEL_LINE = 18;
const BAR = 18;
/** The second bar, and the row that holds both. */
const SECONDARY = 12;
const ROW_WITH_SECONDARY = ROW + SECONDARY + 4;
const PAD = 6;
/** Average width of a character of the 15px labels, generously, so a shortened label never spills. */
const CHAR = 8.4;
const VALUE_ROOM = 40;

/** Where each bar of a horizontal bar chart goes. The longest bar fills the room; every other is in proportion. */
export function barLayout(data: readonly BarDatum[], width = 480): BarLayout {
  const maxChars = Math.max(8, Math.floor(width / CHAR));
  const room = width - VALUE_ROOM;
  const two = data.some((d) => d.secondary !== undefined);
  const row = two ? ROW_WITH_SECONDARY : ROW;
  const max = Math.max(0, ...data.map((d) => Math.max(d.value, d.secondary ?? 0)));
  const length = (value: number) => (max > 0 ? Math.round((value / max) * room * 10) / 10 : 0);
  const bars = data.map((d, i) => ({
    label: shorten(d.label, maxChars),
    value: d.value,
    y: PAD + i * row,
    width: length(d.value),
    ...(two ? { secondary: { value: d.secondary ?? 0, width: length(d.secondary ?? 0) } } : {}),
  }));
  const used = LABEL_LINE + BAR + 4 + (two ? SECONDARY + 4 : 0);
  return {
    width,
    height: PAD * 2 + data.length * row - (row - used),
    barOffset: LABEL_LINE + 2,
    barHeight: BAR,
    secondaryOffset: LABEL_LINE + 2 + BAR + 3,
    secondaryHeight: SECONDARY,
    bars,
  };
}

/** A horizontal bar chart: for each datum its label, and under it a bar with the number at its end. */
export function barChartSvg(options: { id: string; title: string; data: readonly BarDatum[]; width?: number }): string {
  const layout = barLayout(options.data, options.width);
  const rows = layout.bars.map((bar) => {
    const barY = bar.y + layout.barOffset;
    const label = `<text class="chart-label" x="0" y="${bar.y + LABEL_LINE - 4}">${escapeXml(bar.label)}</text>`;
    const rect = `<rect class="${bar.width > 0 ? 'chart-bar' : 'chart-bar chart-empty'}" x="0" y="${barY}" width="${Math.max(bar.width, 1)}" height="${layout.barHeight}"/>`;
    const value = `<text class="chart-value" x="${bar.width + 6}" y="${barY + layout.barHeight / 2}" dy="0.35em">${bar.value}</text>`;
    let second = '';
    if (bar.secondary) {
      const y = bar.y + layout.secondaryOffset;
      second =
        `<rect class="chart-bar chart-secondary" x="0" y="${y}" width="${Math.max(bar.secondary.width, 1)}" height="${layout.secondaryHeight}"/>` +
        `<text class="chart-value chart-secondary-value" x="${bar.secondary.width + 6}" y="${y + layout.secondaryHeight / 2}" dy="0.35em">${bar.secondary.value}</text>`;
    }
    return `<g>${label}${rect}${value}${second}</g>`;
  });
  return svg(options.id, options.title, layout.width, layout.height, rows.join(''), 'chart-bars');
}

export interface DayDatum {
  /** `YYYY-MM-DD`. */
  date: string;
  value: number;
}

export interface ColumnLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  columns: { date: string; value: number; x: number; y: number; width: number; height: number }[];
  /** Gridlines with their values. */
  ticks: { value: number; y: number }[];
  /** Day labels shown under the axis (every few days, so they do not collide). */
  labels: { date: string; x: number }[];
}

/** Where each day's column of a timeline goes. */
export function columnLayout(days: readonly DayDatum[], width = 720, height = 240): ColumnLayout {
  const plot = { x: 40, y: 10, width: width - 50, height: height - 60 };
  const max = Math.max(1, ...days.map((d) => d.value));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const slot = days.length ? plot.width / days.length : plot.width;
  const gap = slot > 6 ? Math.min(4, slot * 0.2) : 0;
  const columns = days.map((d, i) => {
    const h = (d.value / top) * plot.height;
    return {
      date: d.date,
      value: d.value,
      x: round(plot.x + i * slot + gap / 2),
      y: round(plot.y + plot.height - h),
      width: round(Math.max(1, slot - gap)),
      height: round(h),
    };
  });
  const ticks: ColumnLayout['ticks'] = [];
  for (let v = 0; v <= top; v += step) ticks.push({ value: v, y: round(plot.y + plot.height - (v / top) * plot.height) });
  // A label at most every ~56px: weekly for a three-week consultation on a wide chart.
  const every = Math.max(1, Math.ceil(56 / slot));
  const labels = days.filter((_, i) => i % every === 0).map((d) => ({ date: d.date, x: round(plot.x + days.indexOf(d) * slot + slot / 2) }));
  return { width, height, plot, columns, ticks, labels };
}

/** Comments per day as columns, with gridlines and day labels. `formatDay` turns `YYYY-MM-DD` into a short label. */
export function timelineSvg(options: {
  id: string;
  title: string;
  days: readonly DayDatum[];
  formatDay: (date: string) => string;
  width?: number;
  height?: number;
}): string {
  const layout = columnLayout(options.days, options.width, options.height);
  const { plot } = layout;
  const grid = layout.ticks
    .map(
      (tick) =>
        `<line class="chart-grid" x1="${plot.x}" y1="${tick.y}" x2="${plot.x + plot.width}" y2="${tick.y}"/>` +
        `<text class="chart-tick" x="${plot.x - 6}" y="${tick.y}" dy="0.35em" text-anchor="end">${tick.value}</text>`,
    )
    .join('');
  const columns = layout.columns
    .filter((c) => c.value > 0)
    .map((c) => `<rect class="chart-bar" x="${c.x}" y="${c.y}" width="${c.width}" height="${c.height}"><title>${escapeXml(`${options.formatDay(c.date)}: ${c.value}`)}</title></rect>`)
    .join('');
  const baseline = plot.y + plot.height;
  const labels = layout.labels
    .map(
      (l) =>
        `<line class="chart-axis" x1="${l.x}" y1="${baseline}" x2="${l.x}" y2="${baseline + 5}"/>` +
        `<text class="chart-tick" x="${l.x}" y="${baseline + 20}" text-anchor="middle">${escapeXml(options.formatDay(l.date))}</text>`,
    )
    .join('');
  const axis = `<line class="chart-axis" x1="${plot.x}" y1="${baseline}" x2="${plot.x + plot.width}" y2="${baseline}"/>`;
  return svg(options.id, options.title, layout.width, layout.height, `${grid}${columns}${axis}${labels}`, 'chart-columns');
}

function svg(id: string, title: string, width: number, height: number, body: string, kind: string): string {
  const titleId = `${id}-title`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${kind}" id="${escapeXml(id)}" viewBox="0 0 ${width} ${height}" ` +
    `width="${width}" height="${height}" role="img" aria-labelledby="${escapeXml(titleId)}" focusable="false">` +
    `<title id="${escapeXml(titleId)}">${escapeXml(title)}</title>${body}</svg>`
  );
}

/** 1, 2 or 5 times a power of ten, giving at most about four gridlines. */
export function niceStep(max: number): number {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return Math.max(1, step);
}

/** Text safe inside SVG markup and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function shorten(label: string, max: number): string {
  const chars = [...label];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : label;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

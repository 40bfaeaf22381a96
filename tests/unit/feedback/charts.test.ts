import { describe, expect, it } from 'vitest';
import { barChartSvg, barLayout, columnLayout, escapeXml, niceStep, timelineSvg } from '../../../src/lib/feedback/charts.ts';

describe('bar charts', () => {
  it('draws bars in proportion, the longest filling the room, a zero as no bar', () => {
    const layout = barLayout([{ label: 'Accepted', value: 18 }, { label: 'Noted', value: 9 }, { label: 'Pending', value: 0 }], 480);
    const [a, b, c] = layout.bars;
    expect(a!.width).toBe(440);
    expect(b!.width).toBe(220);
    expect(c!.width).toBe(0);
    expect(layout.bars.map((bar) => bar.y)).toEqual([6, 52, 98]);
    expect(layout.height).toBeGreaterThan(98 + layout.barOffset + layout.barHeight);
  });

  it('is an image with a title, carries every number as text, and escapes labels', () => {
    const svg = barChartSvg({ id: 'chart-sector', title: 'Comments by sector & type', data: [{ label: 'Civil <society>', value: 7 }, { label: 'Academia', value: 0 }] });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-sector-title"/);
    expect(svg).toContain('<title id="chart-sector-title">Comments by sector &amp; type</title>');
    expect(svg).toContain('Civil &lt;society&gt;');
    expect(svg.match(/class="chart-value"[^>]*>(\d+)</g)!.map((m) => m.replace(/.*>/, '').replace('<', ''))).toEqual(['7', '0']);
    expect(svg).not.toContain('style=');
  });

  it('shortens a label too long for its column, so it never runs off the image', () => {
    const layout = barLayout([{ label: 'x'.repeat(80), value: 1 }, { label: '3. Protecting critical information infrastructure', value: 2 }], 480);
    const long = layout.bars[0]!.label;
    expect(long.endsWith('…')).toBe(true);
    expect([...long].length * 8.4).toBeLessThanOrEqual(480);
    expect(layout.bars[1]!.label).toBe('3. Protecting critical information infrastructure');
  });
});

describe('the timeline', () => {
  it('gives every day a slot and each comment its height, with whole-number gridlines', () => {
    const days = [
      { date: '2026-09-07', value: 2 },
      { date: '2026-09-08', value: 0 },
      { date: '2026-09-09', value: 5 },
    ];
    const layout = columnLayout(days, 720, 240);
    expect(layout.columns).toHaveLength(3);
    expect(layout.columns[1]!.height).toBe(0);
    expect(layout.columns[2]!.height).toBeGreaterThan(layout.columns[0]!.height);
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 2, 4, 6]);
    const svg = timelineSvg({ id: 'timeline', title: 'Comments per day', days, formatDay: (d) => d.slice(5) });
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('<title>09-09: 5</title>');
  });

  it('picks gridline steps of 1, 2 or 5 times a power of ten', () => {
    expect([1, 4, 7, 18, 40, 230, 9000].map(niceStep)).toEqual([1, 1, 2, 5, 10, 100, 5000]);
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

/**
 * What the office channel's digests share: how a share reads (18/20，90.0%), the stacked bar chart (Lark's
 * chart element takes a VChart spec, as cards/survey-results.ts draws), and the cap on member lines that
 * keeps a card of several large branches under Lark's 30 KB.
 */
import { escapeMarkdown, type Element } from './kit.js';

/** Member lines shown per branch; the rest are counted. */
export const MEMBER_LINES = 25;

/** 0.9 → 90.0%; '—' when there is nothing to divide by. */
export function rate(part: number, whole: number): string {
  return whole > 0 ? `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%` : '—';
}

/** `18/20（90.0%）` */
export function share(part: number, whole: number): string {
  return `${part}/${whole}（${rate(part, whole)}）`;
}

/** A horizontal stacked bar chart: one bar per `row`, one colour per `part`. */
export function stackedBars(
  values: ReadonlyArray<{ row: string; part: string; count: number }>,
  aspect: '16:9' | '4:3' = '16:9',
): Element {
  return {
    tag: 'chart',
    aspect_ratio: aspect,
    chart_spec: {
      type: 'bar',
      direction: 'horizontal',
      data: [{ id: 'values', values: [...values] }],
      xField: 'count',
      yField: 'row',
      seriesField: 'part',
      stack: true,
      legends: { visible: true, orient: 'bottom' },
    },
  };
}

/** The member lines of one branch, at most MEMBER_LINES, then 「另有 N 人」. */
export function memberLines(lines: readonly string[]): string {
  const shown = lines.slice(0, MEMBER_LINES);
  const more = lines.length - shown.length;
  return shown.join('\n') + (more > 0 ? `\n……另有 ${more} 人` : '');
}

/** Branch names as a subtitle: 第一党支部、第二党支部. */
export function scopeOf(branches: ReadonlyArray<{ name: string }>): string {
  return branches.map((b) => b.name).join('、');
}

export const name = (s: string) => `**${escapeMarkdown(s)}**`;

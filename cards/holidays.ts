/**
 * 节假日: what the bot believes about a year's official holidays — where it comes from (the chinese-days
 * package, an admin's organisation file, or nothing: Monday–Friday), the days off and the 调休 make-up
 * working days; and the December warning an admin gets while next year is unknown.
 */
import { card, divider, markdown, type CardJson, type Element } from './kit.js';

export interface HolidaysView {
  year: number;
  source: 'package' | 'supplied' | 'weekdays';
  /** 'YYYY-MM-DD', sorted. */
  off: readonly string[];
  work: readonly string[];
  /** The last year the chinese-days package covers. */
  packageLast: number;
}

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

const HOW_TO_SUPPLY = (year: number) =>
  `国务院办公厅公布放假安排后，请管理员在组织架构文件中填写并重新导入（npm run org:import）：\n` +
  `holidays: { ${year}: { off: [${year}-01-01, …], work: [${year}-02-07, …] } }\n` +
  `off 为放假日期，work 为调休上班（补班）的周末。`;

export function holidaysCard(v: HolidaysView): CardJson {
  const elements: Element[] = [];
  if (v.source === 'weekdays') {
    elements.push(
      markdown({
        zh: `<font color='orange'>尚未收录 ${v.year} 年的法定节假日安排：提醒暂按周一至周五发送，不避开节假日，也不算调休上班日。</font>`,
        en: `Official holidays for ${v.year} are unknown: reminders use Monday–Friday.`,
      }),
      markdown({ zh: HOW_TO_SUPPLY(v.year), en: 'An admin can supply them in the organisation file.' }),
    );
  } else {
    elements.push(
      markdown({
        zh:
          v.source === 'package'
            ? `来源：节假日数据包 chinese-days（收录到 ${v.packageLast} 年）`
            : '来源：管理员在组织架构文件中提供',
        en: v.source === 'package' ? 'Source: the chinese-days package' : 'Source: supplied by an admin',
      }),
      divider(),
      markdown({
        zh: `**放假**（${v.off.length} 天）：${v.off.length ? ranges(v.off).join('；') : '无'}`,
        en: `Days off: ${v.off.length}`,
      }),
      markdown({
        zh: `**调休上班**（${v.work.length} 天）：${v.work.length ? v.work.map(dayText).join('；') : '无'}`,
        en: `Make-up working days: ${v.work.length}`,
      }),
      markdown({
        zh: "<font color='grey'>提醒遇放假日和周末顺延到下一个工作日，调休上班日照常发送。</font>",
        en: 'Reminders skip days off and weekends; make-up working days count as working days.',
      }),
    );
  }
  return card({
    title: { zh: `节假日 · ${v.year}年`, en: `Holidays · ${v.year}` },
    template: v.source === 'weekdays' ? 'orange' : 'blue',
    elements,
  });
}

export interface HolidayWarningView {
  year: number;
  packageLast: number;
}

/** The private warning an admin gets in December while next year's holidays are unknown. */
export function holidayWarningCard(v: HolidayWarningView): CardJson {
  return card({
    title: { zh: `请补充 ${v.year} 年法定节假日`, en: `Holidays for ${v.year} are missing` },
    template: 'orange',
    elements: [
      markdown({
        zh: `节假日数据包只收录到 ${v.packageLast} 年，也没有管理员提供 ${v.year} 年的安排。不补充的话，${v.year} 年的所有提醒将按周一至周五发送：节假日照发，调休上班日不发。`,
        en: `Without ${v.year}'s official holidays, reminders will fall on Monday–Friday.`,
      }),
      markdown({ zh: HOW_TO_SUPPLY(v.year), en: 'Supply them in the organisation file and import it.' }),
      markdown({
        zh: `发送「节假日 ${v.year}」可查看机器人目前对 ${v.year} 年的认识。`,
        en: `Send "holidays ${v.year}" to see what the bot knows.`,
      }),
    ],
  });
}

/** Consecutive dates as one range: 2月6日（六）至2月13日（六）. */
function ranges(days: readonly string[]): string[] {
  const out: string[][] = [];
  for (const d of days) {
    const last = out.at(-1);
    if (last && nextDay(last.at(-1)!) === d) last.push(d);
    else out.push([d]);
  }
  return out.map((r) => (r.length === 1 ? dayText(r[0]!) : `${dayText(r[0]!)}至${dayText(r.at(-1)!)}`));
}

function dayText(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${m}月${d}日（${WEEKDAY[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}）`;
}

function nextDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * Holidays after 2026: an admin supplies a year's official holidays in the organisation file; the calendar
 * uses them; 节假日 shows what the bot believes; admins are warned in December while next year is unknown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/org/audit.js';
import { formatImport } from '../../src/org/import/format-import.js';
import { importOrgFile } from '../../src/org/import/import-org.js';
import { isWorkingDay } from '../../src/schedule/calendar.js';
import { holidaySource } from '../../src/schedule/holidays.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHarness, type Harness } from '../support/harness.js';
import { ORG_YAML, people } from './fixtures.js';

const HOLIDAYS = `
holidays:
  2027:
    off: [2027-01-01, 2027-02-06, 2027-02-07, 2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11, 2027-02-12]
    work: [2027-02-20]
`;
const second = { open_id: 'ou_admn000000000000000000000000002', name: '第二管理员' };
const withSecondAdmin = `${ORG_YAML}  - { open_id: ${second.open_id}, name: ${second.name}, roles: { admin: zx-2 } }\n`;

let h: Harness;
const importText = async (text: string) => {
  const result = await importOrgFile(h.conn, text, { now: h.clock.now(), fileName: 'org.yaml' });
  return { result, report: formatImport(result, 'org.yaml') };
};

beforeAll(async () => {
  // Monday 7 December 2026, 10:00 in Shanghai: this week's holiday check is due.
  h = await startHarness({ assembled: true, clock: new FakeClock('2026-12-07T02:00:00Z') });
  for (const p of [...Object.values(people), second]) h.emulator.addUser(p);
  const { result } = await importText(withSecondAdmin);
  expect(result.ok).toBe(true);
});
afterAll(() => h.close());

const warnings = (openId: string) =>
  h.emulator
    .botMessages({ receive_id: openId })
    .filter((m) => JSON.stringify(m.content).includes('请补充 2027 年法定节假日'));

async function say(sender: string, words: string): Promise<string> {
  const sent = await h.emulator.sendText({
    chat_id: `oc_p2p_${sender.slice(3, 12)}`,
    chat_type: 'p2p',
    sender_open_id: sender,
    text: words,
  });
  await h.bot.inbox.idle();
  await h.bot.outbox.idle();
  const reply = h.emulator.botMessages().find((m) => m.reply_to === sent.message_id);
  if (!reply) throw new Error(`no reply to "${words}"`);
  return JSON.stringify(reply.content);
}

describe('the December warning while next year is unknown', () => {
  it('sends each admin one private card, however many branches run the check and however often', async () => {
    await h.scheduler!.tick();
    await h.scheduler!.tick();
    await h.bot.outbox.idle();
    expect(warnings(people.admin.open_id)).toHaveLength(1);
    expect(warnings(second.open_id)).toHaveLength(1);
    const shown = JSON.stringify(warnings(people.admin.open_id)[0]!.content);
    expect(shown).toContain('节假日数据包只收录到 2026 年');
    expect(shown).toContain('holidays: { 2027: { off: [2027-01-01');
    // Nobody but admins hears about it (the secretary may hear of other things that Monday).
    expect(warnings(people.secretary1.open_id)).toHaveLength(0);
    const aboutHolidays = h.emulator
      .botMessages({ receive_id: people.secretary1.open_id })
      .filter((m) => JSON.stringify(m.content).includes('节假日'));
    expect(aboutHolidays).toHaveLength(0);
  });

  it('says nothing the next Monday once an admin has supplied the year', async () => {
    const { report } = await importText(withSecondAdmin + HOLIDAYS);
    expect(report).toContain('+ 新增 节假日 2027年（放假 8 天，补班 1 天）');
    h.clock.set('2026-12-14T02:00:00Z');
    await h.scheduler!.tick();
    await h.bot.outbox.idle();
    expect(warnings(people.admin.open_id)).toHaveLength(1);
  });
});

describe('holidays in the organisation file', () => {
  it('are stored, audited and used by the calendar at once; importing again changes nothing', async () => {
    expect(holidaySource(2027)).toBe('supplied');
    expect(isWorkingDay('2027-02-08')).toBe(false); // a Monday in the supplied Spring Festival
    expect(isWorkingDay('2027-02-20')).toBe(true); // the supplied make-up Saturday
    const audit = await listAudit(h.conn, { targetId: '2027', action: 'holidays.create' });
    expect(audit[0]).toMatchObject({ actor: 'org:import', source: { via: 'cli', ref: 'org.yaml' } });
    expect((await importText(withSecondAdmin + HOLIDAYS)).report).toBe('org.yaml：没有变化 (no changes)');
  });

  it('reports bad years and dates with their lines, and imports nothing', async () => {
    const bad = `${withSecondAdmin}holidays:
  2027:
    off: [2027-01-01, 2027-02-30, 2026-12-31, 2027-01-01, 2027-02-06]
    work: [2027-02-09, 2027-02-06]
    extra: []
  '27': { off: [] }
`;
    const { result, report } = await importText(bad);
    expect(result.ok).toBe(false);
    const line = (n: number) => `org.yaml:${withSecondAdmin.split('\n').length + 1 + n}`;
    expect(report).toContain(`${line(1)}  holidays.2027.off[1]：「2027-02-30」不是有效日期`);
    expect(report).toContain(`${line(1)}  holidays.2027.off[2]：2026-12-31 不在 2027 年`);
    expect(report).toContain(`${line(1)}  holidays.2027.off[3]：2027-01-01 重复`);
    expect(report).toContain(`${line(2)}  holidays.2027.work[0]：2027-02-09 是星期二，本来就上班`);
    expect(report).toContain(`${line(2)}  holidays.2027.work[1]：2027-02-06 同时写在 off 和 work 中`);
    expect(report).toContain(`${line(3)}  holidays.2027.extra：不认识的字段「extra」`);
    expect(report).toContain(`${line(4)}  holidays.27：「27」不是年份`);
    expect(holidaySource(2027)).toBe('supplied'); // still the year imported before
  });
});

describe('节假日 / holidays', () => {
  it('shows an admin the supplied year: its source, days off as ranges and make-up days', async () => {
    const card = await say(people.admin.open_id, '节假日 2027');
    expect(card).toContain('节假日 · 2027年');
    expect(card).toContain('来源：管理员在组织架构文件中提供');
    expect(card).toContain('**放假**（8 天）：1月1日（五）；2月6日（六）至2月12日（五）');
    expect(card).toContain('**调休上班**（1 天）：2月20日（六）');
  });

  it('shows a secretary a year the package covers, and the Monday–Friday fallback for a year nobody knows', async () => {
    expect(await say(people.secretary1.open_id, 'holidays 2026')).toContain(
      '来源：节假日数据包 chinese-days',
    );
    const unknown = await say(people.secretary1.open_id, '节假日 2028年');
    expect(unknown).toContain('尚未收录 2028 年的法定节假日安排：提醒暂按周一至周五发送');
  });

  it('refuses a member, and asks for a year when the words are not one', async () => {
    expect(await say(people.member1.open_id, '节假日 2027')).toContain(
      '只有管理员或支部书记可以查看节假日安排',
    );
    expect(await say(people.admin.open_id, '节假日 明年')).toContain('请在「节假日」后写四位年份');
  });

  it('forgets a year the file no longer lists', async () => {
    const { report } = await importText(withSecondAdmin);
    expect(report).toContain('- 停用 节假日 2027年');
    expect(holidaySource(2027)).toBe('weekdays');
    expect(await say(people.admin.open_id, '节假日 2027')).toContain('尚未收录 2027 年');
  });
});

/**
 * The branch the crash tests run in: a secretary and a few hundred members, its group and the office
 * channel. Every scheduled job is switched off for it, so that a child bot started at any date sends
 * nothing of its own accord; the monthly record reminder stays on (its rule never fires: 29 February) so
 * that the secretary can run it by hand from 日程.
 */
import type { Connection } from 'mongoose';
import { DEFAULT_CALENDAR } from '../../src/schedule/default-calendar.js';
import type { LarkEmulator, RecordedMessage } from '../../src/sandbox/emulator/index.js';
import { importFixture } from '../org/fixtures.js';
import { until } from './child-bot.js';

const id = (prefix: string, n: number) => `ou_${prefix}${String(n).padStart(29 - prefix.length, '0')}`;

export const BRANCH = 'cr-1';
export const secretary = { open_id: id('crsec', 1), name: '王建国' };
export const GROUP = 'oc_crash_branch_group_00000000001';
export const OFFICE = 'oc_crash_office_channel_000000001';
export const REMINDER = DEFAULT_CALENDAR.find((e) => e.name === 'record.remind')!;

export function crashMembers(n: number) {
  return Array.from({ length: n }, (_, i) => ({ open_id: id('crmem', i), name: `党员${i + 1}` }));
}

function orgYaml(members: ReadonlyArray<{ open_id: string; name: string }>): string {
  const jobs = DEFAULT_CALENDAR.map((e) =>
    e.name === REMINDER.name
      ? `        ${e.name}: { cron: '0 9 29 2 *' }`
      : `        ${e.name}: { enabled: false }`,
  ).join('\n');
  const person = (p: { open_id: string; name: string }, roles: string) =>
    `  - { open_id: ${p.open_id}, name: ${p.name}, roles: ${roles} }`;
  return `
organisation: { id: crash, name: 县直机关党委 }
branches:
  - id: ${BRANCH}
    name: 第一党支部
    chats: { branch_group: ${GROUP}, office_channel: ${OFFICE} }
    calendar:
      jobs:
${jobs}
people:
${person(secretary, `{ secretary: ${BRANCH} }`)}
${members.map((m) => person(m, `{ member: ${BRANCH} }`)).join('\n')}
`;
}

/** Imports the organisation into the database and tells the emulator who is who. */
export async function setUpCrashBranch(
  conn: Connection,
  emulator: LarkEmulator,
  members: ReadonlyArray<{ open_id: string; name: string }>,
): Promise<void> {
  await importFixture(conn, orgYaml(members));
  const everyone = [secretary, ...members];
  for (const p of everyone) emulator.addUser(p);
  emulator.addChat({ chat_id: GROUP, name: '第一党支部', members: everyone.map((p) => p.open_id) });
  emulator.addChat({ chat_id: OFFICE, name: '机关公开频道', members: [secretary.open_id] });
}

/**
 * A card of the bot's to click on (the secretary's help card): a click's `value` names what it acts on, so
 * any card will do. Waits for it to arrive.
 */
export async function aCardToClick(emulator: LarkEmulator): Promise<RecordedMessage> {
  const chat = emulator.p2pChatOf(secretary.open_id);
  await emulator.sendText({
    chat_id: chat,
    chat_type: 'p2p',
    sender_open_id: secretary.open_id,
    text: '帮助',
  });
  await until('the help card arrives', () => emulator.botMessages({ chat_id: chat }).length > 0, 30_000);
  return emulator.botMessages({ chat_id: chat })[0]!;
}

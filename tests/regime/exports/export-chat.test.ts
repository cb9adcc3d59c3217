/**
 * 导出 through the emulator, as people use it: the secretary asks in the branch group and a file message
 * arrives there, downloaded from Lark and read back; a member is refused; `导出` alone lists the tables;
 * the reviewer names a branch in private chat; and the admin endpoint, with and without its token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { LarkClient } from '../../../src/lark/client.js';
import { listAudit } from '../../../src/org/index.js';
import { commentRegisterTable } from '../../../src/regime/comments/index.js';
import { exportsModule } from '../../../src/regime/exports/index.js';
import { pledgeLedgerTable } from '../../../src/regime/pledges/index.js';
import type { RecordedMessage } from '../../../src/sandbox/emulator/index.js';
import { cardText, say, settle, shanghai } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, TEST_APP, type Harness } from '../../support/harness.js';
import {
  admin,
  everyone,
  group,
  importExportOrg,
  members,
  readBack,
  reviewer,
  sec,
  seedComments,
  seedLedger,
} from './fixture.js';

const TOKEN = 'export-token-0123456789abcdef0123';
let h: Harness;

beforeAll(async () => {
  const clock = new FakeClock(shanghai('2026-11-27 10:00'));
  h = await startHarness({
    clock,
    modules: [exportsModule({ tables: [pledgeLedgerTable, commentRegisterTable] })],
    env: { EXPORT_TOKEN: TOKEN },
  });
  await importExportOrg(h.conn, clock.now());
  for (const p of everyone) h.emulator.addUser(p);
  h.emulator.addChat({
    chat_id: group,
    name: '第一党支部',
    members: [sec.open_id, ...members.map((m) => m.open_id)],
  });
  await seedLedger(h.conn);
  await seedComments(h.conn);
});
afterAll(() => h.close());

/** Sends text as a person (in a group with an @-mention) and waits for everything it caused. */
async function ask(from: string, text: string, chat?: string): Promise<void> {
  await h.emulator.sendText({
    chat_id: chat ?? h.emulator.p2pChatOf(from),
    chat_type: chat ? 'group' : 'p2p',
    sender_open_id: from,
    text,
    mentionBot: chat !== undefined,
  });
  await settle(h);
}

const fileMessages = (chat: string) =>
  h.emulator.botMessages({ chat_id: chat }).filter((m) => m.msg_type === 'file');

/** Downloads a file message's file from Lark as any client would (GET …/messages/:id/resources/:key). */
async function download(m: RecordedMessage): Promise<Buffer> {
  const lark = new LarkClient({
    appId: TEST_APP.appId,
    appSecret: TEST_APP.appSecret,
    domain: h.emulator.url,
    log: pino({ level: 'silent' }),
  });
  const fileKey = (m.content as { file_key: string }).file_key;
  const res = await lark.sdk.im.v1.messageResource.get({
    path: { message_id: m.message_id, file_key: fileKey },
    params: { type: 'file' },
  });
  const chunks: Buffer[] = [];
  for await (const c of res.getReadableStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('导出 in chat', () => {
  it('导出 台账 in the branch group: the secretary gets the ledger as a file message there', async () => {
    await ask(sec.open_id, '导出 台账', group);
    const files = fileMessages(group);
    expect(files).toHaveLength(1);
    const uploaded = h.emulator.files.find(
      (f) => f.file_key === (files[0]!.content as { file_key: string }).file_key,
    );
    expect(uploaded).toMatchObject({ file_name: '第一党支部-2026年度-承诺践诺台账.xlsx', file_type: 'xls' });
    const x = await readBack(await download(files[0]!));
    expect(x.title).toBe('第一党支部 2026年度 承诺践诺台账');
    expect(x.frozen).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(x.rows.map((r) => [r[1], r[3], r[6]])).toEqual([
      ['第一党支部', '每月召开支委会', '进行中'],
      ['第一党支部', '完成年度重点工作', '进行中'],
      ['李秀英', '走访群众二十户', '已逾期'],
      ['李秀英', '读书四本', '已销号（待确认）'],
      ['张伟', '学习党纪', '已逾期'],
    ]);
    const audit = await listAudit(h.conn, { action: 'export.send' });
    expect(audit).toMatchObject([
      { actor: sec.open_id, branchId: 'zx-1', detail: { table: '承诺践诺台账', year: 2026, rows: 5 } },
    ]);
  });

  it('a member is refused, with the roles that may export named; nothing is sent', async () => {
    const reply = await say(h, members[0].open_id, '导出 台账', group);
    expect(cardText(reply)).toContain('只有该支部书记或上级党组织或管理员可以导出报表');
    expect(fileMessages(group)).toHaveLength(1);
  });

  it('导出 alone, or an unknown table, lists the tables (no longer 即将开放)', async () => {
    const plain = cardText(await say(h, sec.open_id, '导出'));
    expect(plain).toContain('承诺践诺台账');
    expect(plain).toContain('点评情况登记表');
    expect(plain).not.toContain('即将开放');
    expect(cardText(await say(h, sec.open_id, '导出 花名册'))).toContain('没有名为「花名册」的表');
  });

  it('the reviewer names the branch and the year in private chat; an admin without one is asked which', async () => {
    await ask(reviewer.open_id, '导出 点评 第一党支部 2026');
    const p2p = h.emulator.p2pChatOf(reviewer.open_id);
    const [file] = fileMessages(p2p);
    const x = await readBack(await download(file!));
    expect(x.title).toBe('第一党支部 2026年度 点评情况登记表');
    expect(x.rows.map((r) => r[4])).toEqual(['季度', '随机']);
    const asked = cardText(await say(h, admin.open_id, '导出 台账'));
    expect(asked).toContain('请写明支部');
    expect(asked).toContain('第二党支部');
  });
});

describe('the admin export endpoint', () => {
  const url = (path: string) => `${h.url}${path}`;
  const auth = { authorization: `Bearer ${TOKEN}` };

  it('streams the workbook with the Chinese file name to a request with the token', async () => {
    const res = await fetch(url('/admin/exports/pledge-ledger.xlsx?branch=zx-1&year=2026'), {
      headers: auth,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="pledge-ledger-zx-1-2026.xlsx"; filename*=UTF-8''${encodeURIComponent('第一党支部-2026年度-承诺践诺台账.xlsx')}`,
    );
    const x = await readBack(Buffer.from(await res.arrayBuffer()));
    expect(x.title).toBe('第一党支部 2026年度 承诺践诺台账');
    expect(x.rows).toHaveLength(5);
    const byName = await fetch(
      url(`/admin/exports/${encodeURIComponent('点评情况登记表')}.xlsx?branch=zx-1`),
      {
        headers: auth,
      },
    );
    expect(byName.status).toBe(200);
    expect((await readBack(Buffer.from(await byName.arrayBuffer()))).rows).toHaveLength(2);
  });

  it('answers 401 without the token or with a wrong one, and never logs it', async () => {
    const none = await fetch(url('/admin/exports/pledge-ledger.xlsx?branch=zx-1'));
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      error: 'missing bearer token: send Authorization: Bearer <EXPORT_TOKEN>',
    });
    const wrong = await fetch(url('/admin/exports/pledge-ledger.xlsx?branch=zx-1'), {
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid token' });
    expect(h.rawLogs.join('\n')).not.toContain(TOKEN);
  });

  it('answers 400 for a bad year or no branch, 404 for an unknown table or branch', async () => {
    const status = async (path: string) => (await fetch(url(path), { headers: auth })).status;
    expect(await status('/admin/exports/pledge-ledger.xlsx?branch=zx-1&year=26')).toBe(400);
    expect(await status('/admin/exports/pledge-ledger.xlsx')).toBe(400);
    expect(await status('/admin/exports/roster.xlsx?branch=zx-1')).toBe(404);
    expect(await status('/admin/exports/pledge-ledger.xlsx?branch=zx-9')).toBe(404);
  });

  it('does not exist when no token is configured', async () => {
    const bare = await startHarness({
      conn: h.conn,
      emulator: h.emulator,
      modules: [exportsModule({ tables: [pledgeLedgerTable] })],
    });
    try {
      const res = await fetch(`${bare.url}/admin/exports/pledge-ledger.xlsx?branch=zx-1`, { headers: auth });
      expect(res.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

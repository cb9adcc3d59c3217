/**
 * Two bot instances on one database behind one URL (issue 13, "Running several instances"): each assembled
 * as main.ts does, with its own owner id, inbox and outbox workers and scheduler, over one FerretDB database;
 * Lark's deliveries reach them through a round-robin proxy. Scheduled jobs run once when both schedulers tick
 * the same minute, outbox messages go once when both queue them, an event delivered to both is handled once,
 * and card clicks are answered by either.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeCard } from '../../cards/org-notice.js';
import { buildEnvelope, sealDelivery, type PressTarget } from '../../src/sandbox/emulator/index.js';
import { cardText, lastCard, shanghai } from '../support/chat.js';
import { openTestDatabase } from '../support/database.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHarness, TEST_APP, type Harness } from '../support/harness.js';
import { addPeople, group, importBranch, members, sec } from '../regime/pledges/fixtures.js';
import { countDispatches, PATIENT_CARD_DEADLINE_MS, untilAccepted } from './support.js';

let conn: Connection;
let a: Harness;
let b: Harness;
let proxy: Server;
const routed = [0, 0];
const dispatched: Array<Map<string, number>> = [];
const figures = { ticks: 0, jobsRun: 0, queued: 0, sent: 0, deliveredToBoth: 0, handled: 0, clicks: 0 };

/** A load balancer in front of both: each request goes to the next instance in turn. */
function roundRobin(targets: readonly string[]): Promise<Server> {
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const i = next++ % targets.length;
      routed[i]!++;
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
      ) as Record<string, string>;
      fetch(`${targets[i]}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) })
        .then(async (answer) => {
          res.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'text/plain',
          });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  const clock = new FakeClock(shanghai('2026-01-05 08:00'));
  conn = await openTestDatabase();
  a = await startHarness({ clock, conn, assembled: true, cardDeadlineMs: PATIENT_CARD_DEADLINE_MS });
  b = await startHarness({
    clock,
    conn,
    assembled: true,
    emulator: a.emulator,
    cardDeadlineMs: PATIENT_CARD_DEADLINE_MS,
  });
  addPeople(a);
  await importBranch(conn, clock.now());
  proxy = await roundRobin([a.url, b.url]);
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  a.emulator.setWebhook(`${url}/lark/events`, `${url}/lark/cards`);
  dispatched.push(countDispatches(a.bot), countDispatches(b.bot));
});
afterAll(async () => {
  console.log(
    `[resilience:two-instances] ${figures.ticks} ticks of both schedulers, ${figures.jobsRun} job runs (each once); ` +
      `${figures.queued} messages queued by both, ${figures.sent} sent (each once); ${figures.deliveredToBoth} ` +
      `deliveries of one event to both, handled ${figures.handled}×; ${figures.clicks} clicks answered ` +
      `(instance A ${routed[0]}, B ${routed[1]} requests)`,
  );
  await new Promise((resolve) => proxy?.close(resolve));
  await b?.close();
  await a?.close();
  await conn?.dropDatabase().catch(() => undefined);
  await conn?.close();
});

/** Both instances have handled every delivery and sent every message that caused. */
async function settleBoth() {
  for (let i = 0; i < 2; i++) {
    for (const h of [a, b]) {
      await h.bot.inbox.settled();
      await h.bot.outbox.settled();
    }
  }
}

const emulator = () => a.emulator;
const privately = (to: string, has: string) =>
  emulator()
    .botMessages({ chat_id: emulator().p2pChatOf(to) })
    .filter((m) => cardText(emulator().cardOf(m.message_id)).includes(has));
/** Successful message sends the bot made (a second send of one message would show here even if Lark's uuid dedupe hid it). */
const sendCalls = () =>
  emulator().calls.filter(
    (c) => c.method === 'POST' && /\/im\/v1\/messages(\/[^/]+\/reply)?$/.test(c.path) && c.code === 0,
  ).length;

describe('two instances on one database', () => {
  it('both schedulers tick the same minute: every job runs once, every invitation goes once', async () => {
    a.clock.set(shanghai('2026-01-05 09:30'));
    const callsBefore = sendCalls();
    await Promise.all([a.scheduler!.tick(), b.scheduler!.tick()]);
    await settleBoth();
    await Promise.all([a.scheduler!.tick(), b.scheduler!.tick()]);
    await settleBoth();
    figures.ticks += 2;
    for (const m of members) expect(privately(m, '填写2026年承诺卡')).toHaveLength(1);
    expect(privately(sec, '起草2026年支部承诺书')).toHaveLength(1);
    const runs = await conn.db!.collection('schedule_runs').find({ status: 'done' }).toArray();
    figures.jobsRun += runs.length;
    expect(runs.length).toBeGreaterThan(0);
    // Every message went out by exactly one send call, and is recorded once.
    const messages = emulator().botMessages().length;
    expect(sendCalls() - callsBefore).toBe(messages);
    expect(await conn.db!.collection('outbox').countDocuments()).toBe(messages);
  });

  it('both queue the same messages at once: each goes once', async () => {
    const before = emulator().botMessages().length;
    const calls = sendCalls();
    const keys = Array.from({ length: 20 }, (_, i) => `two-instances:notice:${i}`);
    keys.forEach((_, i) => emulator().addUser({ open_id: `ou_two_${i}`, name: `收件人${i}` }));
    const card = noticeCard({
      title: { zh: '通知', en: 'Notice' },
      text: { zh: '两个实例', en: 'Two instances' },
      tone: 'hint',
    });
    // One recipient each: Lark's 5-a-second limit per chat is each instance's own to keep, and is not what
    // this case is about.
    const queue = (h: Harness, key: string, i: number) =>
      h.bot.outbox.enqueue(key, { op: 'send', receiveIdType: 'open_id', receiveId: `ou_two_${i}`, card });
    const took = await Promise.all(keys.flatMap((k, i) => [queue(a, k, i), queue(b, k, i)]));
    await settleBoth();
    figures.queued += took.length;
    expect(took.filter(Boolean)).toHaveLength(keys.length); // one of each pair stored it
    expect(emulator().botMessages().length - before).toBe(keys.length);
    expect(sendCalls() - calls).toBe(keys.length);
    figures.sent += keys.length;
  });

  it('one event delivered to both instances, three times each and at once: handled once, one reply', async () => {
    const envelope = buildEnvelope(
      'application.bot.menu_v6',
      { operator: { operator_id: { open_id: members[0] } }, event_key: 'help' },
      {
        appId: TEST_APP.appId,
        token: TEST_APP.verificationToken,
        eventId: 'two-instances-menu-1',
        createTimeMs: a.clock.now().getTime(),
      },
    );
    const sealed = sealDelivery(envelope, {
      encryptKey: TEST_APP.encryptKey,
      encrypt: true,
      sign: true,
      timestamp: Math.floor(a.clock.now().getTime() / 1000),
    });
    const before = privately(members[0], '使用帮助').length;
    const post = (h: Harness) =>
      untilAccepted(() =>
        fetch(`${h.url}/lark/events`, { method: 'POST', headers: sealed.headers, body: sealed.body }),
      ).then((r) => r.status);
    const statuses = await Promise.all([a, b, a, b, a, b].map(post));
    await settleBoth();
    figures.deliveredToBoth += statuses.length;
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const handled = dispatched.reduce((n, d) => n + (d.get('two-instances-menu-1') ?? 0), 0);
    figures.handled += handled;
    expect(handled).toBe(1);
    expect(privately(members[0], '使用帮助').length - before).toBe(1);
  });

  it('a member writes and submits a card and the secretary approves it, each click answered by either', async () => {
    const m = members[0];
    const invite = privately(m, '填写2026年承诺卡')[0]!;
    const click = async (who: string, target: PressTarget) => {
      const answer = await emulator().press({
        message_id: invite.message_id,
        operator_open_id: who,
        ...target,
      });
      await settleBoth();
      figures.clicks++;
      expect(answer.status).toBe(200);
      return answer;
    };
    await click(m, { button: '填写承诺卡' });
    await click(m, {
      button: '保存',
      form: { theme: '带头服务群众', text: '办理委员提案', result: '按时办结提案30件', due: '2026-09-30' },
    });
    await click(m, { button: '提交审核' });
    const review = lastCard(a, { to: sec, has: '李秀英 2026年承诺卡' });
    // The secretary double-clicks 通过; the two clicks reach different instances.
    const approve = () =>
      emulator().press({ message_id: review.message_id, operator_open_id: sec, button: '通过' });
    const [first, second] = await Promise.all([approve(), approve()]);
    await settleBoth();
    figures.clicks += 2;
    expect([first.status, second.status]).toEqual([200, 200]);
    const published = emulator()
      .botMessages({ chat_id: group })
      .filter((x) => cardText(emulator().cardOf(x.message_id)).includes('亮诺 · 李秀英 2026年承诺卡'));
    expect(published).toHaveLength(1);
    const approvals = await conn.db!.collection('audit').countDocuments({ action: 'pledge.approve' });
    expect(approvals).toBe(1);
    expect(routed[0]).toBeGreaterThan(0);
    expect(routed[1]).toBeGreaterThan(0);
  });
});

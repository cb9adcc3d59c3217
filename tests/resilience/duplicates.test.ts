/**
 * Lark delivers at least once and people double-click (issue 13): every event type the bot handles and every
 * card action the assembled bot registers, delivered three times one after another and three times at once
 * (the same event_id, plus double clicks with fresh ids), has exactly one effect — one dispatch to its
 * module, the same audit entries and messages as a single delivery, and not one byte more in the database.
 * Card actions are enumerated from the dispatcher, so a new action is covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOUBLE_CLICK_WINDOW_MS } from '../../src/bot/inbox.js';
import type { DeliveryOptions, RecordedMessage } from '../../src/sandbox/emulator/index.js';
import { settle, shanghai, tickAt } from '../support/chat.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHarness, type Harness } from '../support/harness.js';
import {
  addPeople,
  evaluators,
  group,
  importBranch,
  members,
  office,
  reviewer,
  sec,
} from '../regime/pledges/fixtures.js';
import {
  callbacksOf,
  countDispatches,
  counts,
  effectsOf,
  PATIENT_CARD_DEADLINE_MS,
  snapshot,
  untilAccepted,
  type Callback,
} from './support.js';

let h: Harness;
let dispatches: Map<string, number>;
let seq = 0;
const figures = { cases: 0, delivered: 0, dispatched: 0, withRealPayload: 0, synthetic: 0 };
const [m1, m2] = members;
const people = [sec, reviewer, ...members];

beforeAll(async () => {
  const clock = new FakeClock(shanghai('2026-01-05 08:00'));
  h = await startHarness({ clock, assembled: true, cardDeadlineMs: PATIENT_CARD_DEADLINE_MS });
  addPeople(h);
  await importBranch(h.conn, clock.now());
  dispatches = countDispatches(h.bot);
});
afterAll(async () => {
  console.log(
    `[resilience:duplicates] ${figures.cases} cases (every event type, ${figures.withRealPayload} card ` +
      `actions with a real card's payload, ${figures.synthetic} with a bare one): ${figures.delivered} ` +
      `deliveries of ${figures.cases * 2} distinct events and clicks, ${figures.dispatched} dispatches, ` +
      `no effect doubled`,
  );
  await h?.close();
});

const fresh = (what: string) => `dup-${what}-${++seq}`;
/** Everything the bot has sent: new messages and in-place updates it made itself. */
const messagesOut = () =>
  h.emulator
    .botMessages()
    .reduce((n, m) => n + 1 + m.updates.filter((u) => u.via !== 'callback_response').length, 0);
const dispatched = (ids: readonly string[]) =>
  [...new Set(ids)].reduce((n, id) => n + (dispatches.get(id) ?? 0), 0);

/** The bot's last logged failure, to say why a delivery was not accepted. */
const lastFailure = () => JSON.stringify(h.logs.findLast((l) => Number(l['level']) >= 50) ?? {});

type Deliver = (o: DeliveryOptions & { eventId: string }) => Promise<{ status: number }>;
/** The delivery as Lark makes it: again after a 503. */
const asLark =
  (deliver: Deliver): Deliver =>
  (o) =>
    untilAccepted(() => deliver(o));
/** How closely the database is compared before and after repeats: every document, or counts. */
type Look = typeof snapshot | typeof counts;

interface Outcome {
  messages: number;
  audit: number;
  outbox: number;
}

/** Three deliveries of one event id, one after another: one dispatch, and the repeats change nothing. */
async function deliverThriceInTurn(
  deliver: Deliver,
  eventId: string,
  what: string,
  look: Look,
): Promise<Outcome> {
  const before = messagesOut();
  expect((await deliver({ eventId })).status, what).toBe(200);
  await settle(h);
  const once = await look(h.conn);
  const messages = messagesOut() - before;
  for (let i = 0; i < 2; i++) {
    expect((await deliver({ eventId })).status, what).toBe(200);
    await settle(h);
  }
  figures.delivered += 3;
  expect(dispatches.get(eventId), what).toBe(1);
  expect(messagesOut() - before, what).toBe(messages);
  expect(await look(h.conn), what).toEqual(once);
  return { messages, ...(await effectsOf(h.conn, eventId)) };
}

/**
 * Three deliveries of one event id at once, plus `alsoFresh` deliveries of the same thing under new ids (a
 * double click): one dispatch among them all. One more re-delivery afterwards changes nothing.
 */
async function deliverAtOnce(
  deliver: Deliver,
  eventId: string,
  what: string,
  alsoFresh = 0,
): Promise<Outcome> {
  const before = messagesOut();
  const ids = [eventId, eventId, eventId, ...Array.from({ length: alsoFresh }, () => fresh('click'))];
  const answers = await Promise.all(ids.map((id) => deliver({ eventId: id })));
  for (const a of answers) expect(a.status, `${what}: ${JSON.stringify(a)} ${lastFailure()}`).toBe(200);
  await settle(h);
  figures.delivered += ids.length + 1;
  expect(dispatched(ids), what).toBe(1);
  const after = await counts(h.conn);
  const messages = messagesOut() - before;
  expect((await deliver({ eventId })).status, what).toBe(200);
  await settle(h);
  expect(await counts(h.conn), what).toEqual(after);
  expect(messagesOut() - before, what).toBe(messages);
  const effects = await Promise.all([...new Set(ids)].map((id) => effectsOf(h.conn, id)));
  return {
    messages,
    audit: effects.reduce((n, e) => n + e.audit, 0),
    outbox: effects.reduce((n, e) => n + e.outbox, 0),
  };
}

/** One case: in turn on `first`, at once on `second` (an equivalent twin); both must have the same effect. */
async function proveOneEffect(
  first: Deliver,
  second: Deliver,
  o: { twins: boolean; alsoFresh?: number; what?: string; look?: Look },
) {
  const what = o.what ?? expect.getState().currentTestName ?? '';
  const inTurn = await deliverThriceInTurn(asLark(first), fresh('seq'), what, o.look ?? snapshot);
  // Past the double-click window: pressing the same button again now is a new decision, not a repeat.
  h.clock.advance(DOUBLE_CLICK_WINDOW_MS + 1000);
  const atOnce = await deliverAtOnce(asLark(second), fresh('conc'), what, o.alsoFresh);
  if (o.twins) expect(atOnce, what).toEqual(inTurn);
  figures.cases += 1;
  figures.dispatched += 2;
  return inTurn;
}

type Offered = { message: RecordedMessage; operator: string; cb: Callback };

/** Cards in people's hands: the year's invitations, and what each person's commands answer with. */
async function askAround(): Promise<void> {
  await tickAt(h, '2026-01-05 09:30');
  const asked: Array<[string, string[], string?]> = [
    [
      sec,
      [
        '日程',
        '台账',
        '记实',
        '评定',
        '点评',
        '点评登记',
        '整改',
        '评议',
        '评选',
        '待审',
        '我的承诺',
        '节假日',
        '通报',
        '考核',
      ],
    ],
    [m1, ['我的承诺', '记实', '我的记实', '评议', '评选', '建议']],
    [reviewer, ['待审', '台账']],
    [sec, ['同步成员', '绑定'], group],
  ];
  for (const [who, words, chat] of asked) {
    for (const text of words) {
      await h.emulator.sendText({
        chat_id: chat ?? h.emulator.p2pChatOf(who),
        chat_type: chat ? 'group' : 'p2p',
        sender_open_id: who,
        text,
        mentionBot: chat !== undefined,
      });
    }
  }
  await settle(h);
}

/** Every callback the cards offer now, as they stand after any in-place updates, with who would press it. */
function offered(): Offered[] {
  const ownerOf = new Map(people.map((p) => [h.emulator.p2pChatOf(p), p]));
  return h.emulator
    .botMessages()
    .filter((m) => m.msg_type === 'interactive')
    .flatMap((message) => {
      const operator = ownerOf.get(message.chat_id) ?? sec;
      return callbacksOf(h.emulator.cardOf(message.message_id)).map((cb) => ({ message, operator, cb }));
    });
}

const click =
  (c: Offered): Deliver =>
  (o) =>
    h.emulator.clickButton(
      {
        message_id: c.message.message_id,
        operator_open_id: c.operator,
        value: c.cb.value,
        ...(c.cb.submitsForm && { form_value: {} }),
        ...(c.cb.name !== undefined && { name: c.cb.name }),
      },
      o,
    );

describe('card callbacks delivered three times, in turn and at once (with double clicks)', () => {
  it('every registered card action has one effect', async () => {
    await askAround();
    const registered = h.bot.dispatcher.registeredActions();
    const pending = new Map(registered.map((r) => [r.action, r.module]));
    const covered = new Set<string>();
    // Pressing one button brings up others (a form, its 提交): look again after each action.
    for (;;) {
      const cards = offered();
      const action = [...pending.keys()].find((a) => cards.some((c) => c.cb.value.action === a));
      if (!action) break;
      const module = pending.get(action)!;
      pending.delete(action);
      const found = cards.filter((c) => c.cb.value.action === action);
      const first = found[0]!;
      const twin = found.find((c) => c.operator !== first.operator) ?? first;
      const what = `${module} ${action}`;
      await proveOneEffect(click(first), click(twin), { twins: twin !== first, alsoFresh: 2, what });
      figures.withRealPayload++;
      covered.add(module);
    }
    // No card offers these in this scenario: still one dispatch however often they come, and no effect
    // beyond the deliveries' own records (the database is compared once, over all of them).
    const anyCard = offered().find((c) => c.operator === sec)!;
    const before = await counts(h.conn);
    const sent = messagesOut();
    for (const [action, module] of pending) {
      const synthetic = asLark(click({ ...anyCard, cb: { value: { action }, submitsForm: false } }));
      const what = `${module} ${action} (synthetic)`;
      const [inTurn, atOnce] = [fresh('seq'), fresh('conc')];
      for (let i = 0; i < 3; i++) expect((await synthetic({ eventId: inTurn })).status, what).toBe(200);
      h.clock.advance(DOUBLE_CLICK_WINDOW_MS + 1000); // a new press, not a double click of the last one
      const answers = await Promise.all([0, 1, 2].map(() => synthetic({ eventId: atOnce })));
      for (const a of answers) expect(a.status, what).toBe(200);
      expect([dispatches.get(inTurn), dispatches.get(atOnce)], what).toEqual([1, 1]);
      figures.delivered += 6;
      figures.dispatched += 2;
      figures.cases++;
      figures.synthetic++;
    }
    await settle(h);
    const after = await counts(h.conn);
    for (const delivery of ['inbox', 'inbox_done', 'card_clicks']) {
      expect(after[delivery] ?? 0).toBeLessThanOrEqual((before[delivery] ?? 0) + 2 * pending.size);
      delete after[delivery];
      delete before[delivery];
    }
    expect(after).toEqual(before);
    expect(messagesOut()).toBe(sent);
    console.log(
      `[resilience:duplicates] card actions no card offered here: ${[...pending.keys()].join(', ')}`,
    );
    // Every module's actions are exercised with a payload a real card carries.
    expect([...new Set(registered.map((r) => r.module))].filter((m) => !covered.has(m))).toEqual([]);
  });
});

describe('events delivered three times, in turn and at once', () => {
  const text = (from: string, words: string, chat?: string) => {
    const message_id = `om_dup${++seq}`;
    const deliver: Deliver = (o) =>
      h.emulator.sendText(
        {
          message_id,
          chat_id: chat ?? h.emulator.p2pChatOf(from),
          chat_type: chat ? 'group' : 'p2p',
          sender_open_id: from,
          text: words,
          mentionBot: chat !== undefined,
        },
        o,
      );
    return deliver;
  };

  it('a private message: one reply', async () => {
    const once = await proveOneEffect(text(m1, '帮助'), text(m2, '帮助'), { twins: true });
    expect(once.messages).toBe(1);
  });

  it('a message in a group that names the bot: one reply', async () => {
    const once = await proveOneEffect(text(sec, '我的身份', group), text(sec, '我的身份', evaluators), {
      twins: true,
    });
    expect(once.messages).toBe(1);
  });

  /** An event of this type with this body, re-deliverable under any event id. */
  const event =
    (type: string, body: Record<string, unknown>): Deliver =>
    (o) =>
      h.emulator.deliverEvent(type, body, o);
  const menu = (who: string) =>
    event('application.bot.menu_v6', { operator: { operator_id: { open_id: who } }, event_key: 'help' });
  const membership = (type: string, chat: string) =>
    event(type, { chat_id: chat, operator_id: { open_id: sec }, name: '群', external: false });

  it('a click on the bot menu: one reply', async () => {
    const once = await proveOneEffect(menu(m1), menu(m2), { twins: true });
    expect(once.messages).toBe(1);
  });

  it('the bot added to a group: one binding question', async () => {
    const added = (chat: string) => membership('im.chat.member.bot.added_v1', chat);
    const [a, b] = ['oc_dupnew0000000000000000000000001', 'oc_dupnew0000000000000000000000002'];
    for (const chat_id of [a, b]) h.emulator.addChat({ chat_id, name: '新群', members: [sec] });
    const once = await proveOneEffect(added(a), added(b), { twins: true });
    expect(once.messages).toBe(1);
  });

  it('the bot removed from a bound group: unbound once, one audit entry', async () => {
    const removed = (chat: string) => membership('im.chat.member.bot.deleted_v1', chat);
    const once = await proveOneEffect(removed(office), removed(evaluators), { twins: true });
    expect(once.audit).toBe(1);
  });

  it('covers every event type a module handles', () => {
    expect(h.bot.dispatcher.registeredEvents().sort()).toEqual([
      'application.bot.menu_v6',
      'im.chat.member.bot.added_v1',
      'im.chat.member.bot.deleted_v1',
      'im.message.receive_v1',
    ]);
  });
});

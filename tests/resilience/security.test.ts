/**
 * No one where they do not belong (issue 13): deliveries Lark did not send — forged or missing signatures,
 * replays, stale and future timestamps, another app's token or id, another key — are refused with a 4xx and
 * a reason before anything is stored; card clicks that overstep — someone else's pledge, one's own approval,
 * a second vote, a survey answered from outside or by a used link, ids of another branch — are refused with
 * a toast. Each refusal writes nothing and is logged; no secret appears in a log line or an answer.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnvelope, sealDelivery, type BotAnswer } from '../../src/sandbox/emulator/index.js';
import { encryptBody, signBody } from '../../src/lark/crypto.js';
import { cardText, lastCard, press, say, settle, shanghai, tickAt } from '../support/chat.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHarness, TEST_APP, type Harness } from '../support/harness.js';
import {
  CHATS,
  evaluators1,
  evaluators2,
  members1,
  outsider,
  sec1,
  setUpSurveyOrg,
} from '../regime/surveys/survey-org.js';
import { counts, PATIENT_CARD_DEADLINE_MS, snapshot, untilAccepted } from './support.js';

let h: Harness;
const answers: unknown[] = [];
const figures = { webhookCases: 0, webhookRefused: 0, cardCases: 0, cardRefused: 0 };
const [li, zhang] = members1 as [(typeof members1)[0], (typeof members1)[0]];

beforeAll(async () => {
  h = await startHarness({
    assembled: true,
    clock: new FakeClock(shanghai('2026-06-15 08:00')),
    cardDeadlineMs: PATIENT_CARD_DEADLINE_MS,
  });
  await setUpSurveyOrg(h);
});
afterAll(async () => {
  console.log(
    `[resilience:security] ${figures.webhookCases} forged/replayed/stale deliveries, ${figures.webhookRefused} refused ` +
      `with a 4xx; ${figures.cardCases} overstepping card clicks, ${figures.cardRefused} refused; 0 writes, ` +
      `secrets in ${h.rawLogs.length} log lines and ${answers.length} answers: 0`,
  );
  await h?.close();
});

const nowSeconds = () => Math.floor(h.clock.now().getTime() / 1000);
let n = 0;
/** The secretary's click on the bot menu's 帮助, as Lark would wrap it (before sealing). */
function helpEnvelope(o: { token?: string; appId?: string } = {}) {
  return buildEnvelope(
    'application.bot.menu_v6',
    { operator: { operator_id: { open_id: sec1.open_id } }, event_key: 'help' },
    {
      appId: o.appId ?? TEST_APP.appId,
      token: o.token ?? TEST_APP.verificationToken,
      eventId: `sec-${++n}`,
      createTimeMs: h.clock.now().getTime(),
    },
  );
}

async function post(body: string, headers: Record<string, string>, path = '/lark/events') {
  const a = await h.emulator.postRaw(path, body, headers);
  answers.push(a.body);
  return a;
}

/** The delivery is refused with this status and code, stores nothing, and the refusal is logged. */
async function expectRefused(send: () => Promise<BotAnswer>, status: number, code: string) {
  figures.webhookCases++;
  const before = await counts(h.conn);
  const logged = h.logs.length;
  const a = await send();
  await settle(h);
  expect(a.status, code).toBe(status);
  expect((a.body as { error?: string }).error).toBe(code);
  expect((a.body as { message?: string }).message, 'a reason').toBeTruthy();
  expect(await counts(h.conn), code).toEqual(before);
  expect(
    h.logs.slice(logged).some((l) => l['msg'] === 'request rejected' && l['code'] === code),
    `${code} logged`,
  ).toBe(true);
  figures.webhookRefused++;
}

describe('deliveries Lark did not send', () => {
  const sealed = (body: unknown, o: { key?: string; timestamp?: number; encrypt?: boolean } = {}) =>
    sealDelivery(body, {
      encryptKey: o.key ?? TEST_APP.encryptKey,
      encrypt: o.encrypt ?? true,
      sign: true,
      timestamp: o.timestamp ?? nowSeconds(),
    });

  it('a forged signature, a missing one, and a signature over other bytes', async () => {
    const forged = sealed(helpEnvelope());
    forged.headers['x-lark-signature'] = signBody(
      forged.headers['x-lark-request-timestamp']!,
      forged.headers['x-lark-request-nonce']!,
      'not-our-key',
      forged.body,
    );
    await expectRefused(() => post(forged.body, forged.headers), 401, 'SIGNATURE_INVALID');

    const unsigned = sealed(helpEnvelope());
    await expectRefused(
      () => post(unsigned.body, { 'content-type': 'application/json' }),
      401,
      'SIGNATURE_MISSING',
    );

    // A captured signature on a body of the attacker's choosing.
    const captured = sealed(helpEnvelope());
    const other = sealed(helpEnvelope());
    await expectRefused(() => post(other.body, captured.headers), 401, 'SIGNATURE_INVALID');
  });

  it('stale and future timestamps, even correctly signed', async () => {
    const stale = nowSeconds() - h.config.lark.maxEventAgeSeconds - 60;
    const old = sealed(helpEnvelope(), { timestamp: stale });
    await expectRefused(() => post(old.body, old.headers), 401, 'TIMESTAMP_STALE');
    const future = sealed(helpEnvelope(), { timestamp: nowSeconds() + 3600 });
    await expectRefused(() => post(future.body, future.headers), 401, 'TIMESTAMP_STALE');
  });

  it("another app's verification token, another app's id, another app's key", async () => {
    const token = sealed(helpEnvelope({ token: 'verification-token-of-another-app' }));
    await expectRefused(() => post(token.body, token.headers), 401, 'TOKEN_INVALID');
    const app = sealed(helpEnvelope({ appId: 'cli_another0000000001' }));
    await expectRefused(() => post(app.body, app.headers), 403, 'APP_MISMATCH');
    // Encrypted and signed with another app's key: the signature does not hold with ours.
    const theirs = sealed(helpEnvelope(), { key: 'encrypt-key-of-another-app' });
    await expectRefused(() => post(theirs.body, theirs.headers), 401, 'SIGNATURE_INVALID');
    // Encrypted with another key but signed with ours (a leaked signing key is not the point): no plaintext.
    const body = JSON.stringify({ encrypt: encryptBody(JSON.stringify(helpEnvelope()), 'another-key') });
    const resigned = sealDelivery(JSON.parse(body), {
      encryptKey: TEST_APP.encryptKey,
      encrypt: false,
      sign: true,
      timestamp: nowSeconds(),
    });
    await expectRefused(() => post(resigned.body, resigned.headers), 400, 'DECRYPT_FAILED');
  });

  it('a forged or unsigned legacy card callback', async () => {
    const card = await say(h, sec1.open_id, '日程');
    const forged = () =>
      h.emulator.clickLegacyButton(
        { message_id: card.message_id, operator_open_id: sec1.open_id, value: { action: 'schedule.show' } },
        { forgeSignature: true },
      );
    await expectRefused(forged, 401, 'SIGNATURE_INVALID');
    const unsigned = () =>
      h.emulator.clickLegacyButton(
        { message_id: card.message_id, operator_open_id: sec1.open_id, value: { action: 'schedule.show' } },
        { sign: false },
      );
    await expectRefused(unsigned, 401, 'SIGNATURE_MISSING');
  });

  it('a replay of a real delivery, byte for byte: acknowledged, handled once; hours later: refused', async () => {
    const real = sealed(helpEnvelope());
    const replies = () => h.emulator.botMessages({ chat_id: h.emulator.p2pChatOf(sec1.open_id) }).length;
    const before = replies();
    for (let i = 0; i < 3; i++) expect((await post(real.body, real.headers)).status).toBe(200);
    await settle(h);
    figures.webhookCases += 3;
    expect(replies() - before).toBe(1);
    h.clock.advance((h.config.lark.maxEventAgeSeconds + 60) * 1000);
    await expectRefused(() => post(real.body, real.headers), 401, 'TIMESTAMP_STALE');
    h.clock.set(shanghai('2026-06-15 08:00'));
  });
});

/** Database documents that a refused click must leave alone (the delivery's own records aside). */
async function regimeState() {
  const all = await snapshot(h.conn);
  for (const delivery of ['inbox', 'inbox_done', 'card_clicks', 'outbox', 'outbox_done'])
    delete all[delivery];
  return all;
}

/** The click is answered with a refusal toast, changes nothing, sends nothing, and is logged. */
async function expectClickRefused(
  click: () => Promise<{ toast?: { type: string; content: string }; status: number }>,
  says: string | RegExp,
) {
  figures.cardCases++;
  const before = await regimeState();
  const sent = h.emulator.botMessages().length;
  const logged = h.logs.length;
  const a = await click();
  expect(a.status).toBe(200);
  expect(a.toast?.type).toMatch(/warning|error/);
  expect(a.toast?.content).toMatch(says);
  expect(await regimeState()).toEqual(before);
  expect(h.emulator.botMessages().length).toBe(sent);
  expect(
    h.logs.slice(logged).some((l) => /refused|does not match/.test(String(l['msg']))),
    'the refusal is logged',
  ).toBe(true);
  figures.cardRefused++;
  return a;
}

type Toast = { type: string; content: string };

/** A click whose callback value (and form) the test writes itself, as someone editing a card would. */
const tampered =
  (
    message_id: string,
    operator: string,
    o: { value: Record<string, unknown>; form?: Record<string, string | string[]> },
  ) =>
  async () => {
    const a = await untilAccepted(() =>
      h.emulator.clickButton({
        message_id,
        operator_open_id: operator,
        value: o.value,
        ...(o.form && { form_value: o.form }),
      }),
    );
    answers.push(a.body);
    await settle(h);
    return { status: a.status, toast: (a.body as { toast?: Toast }).toast };
  };

describe('card clicks that overstep', () => {
  const ownCard = async (who: string) => say(h, who, '我的承诺');
  const pledgeOf = (who: string) => `2026:zx-1:${who}`;

  it("writing someone else's pledge card", async () => {
    const mine = await ownCard(zhang.open_id);
    await expectClickRefused(
      tampered(mine.message_id, zhang.open_id, {
        value: { action: 'pledge.save', p: pledgeOf(li.open_id), item: 'new', go: 'stay' },
        form: { theme: '带头学习提高', text: '冒名填写', result: '冒名填写的结果', due: '2026-10-31' },
      }),
      '只能填写自己的承诺卡',
    );
  });

  it('approving one’s own pledge card (a secretary’s card goes to the reviewer)', async () => {
    const mine = await ownCard(sec1.open_id);
    await press(h, mine, sec1.open_id, {
      button: '保存',
      form: { theme: '带头学习提高', text: '每月讲一次党课', result: '全年讲党课12次', due: '2026-12-20' },
    });
    await press(h, mine, sec1.open_id, { button: '提交审核' });
    expect(
      await h.conn.db!.collection('pledges').findOne({ _id: pledgeOf(sec1.open_id) as never }),
    ).toMatchObject({
      status: 'submitted',
    });
    const approve = (who: string) =>
      tampered(mine.message_id, who, {
        value: { action: 'pledge.approve', p: pledgeOf(sec1.open_id), round: 1 },
        form: {},
      });
    await expectClickRefused(approve(sec1.open_id), /只有.*可以审核/);
    await expectClickRefused(approve(li.open_id), /只有.*可以审核/);
  });
});

describe('the survey and the selection, from outside and twice', () => {
  let surveyCard: string;
  let baseUrl: string;

  it('answering the survey from outside the branch or as nobody', async () => {
    baseUrl = `http://127.0.0.1:${(h.bot.app.server.address() as AddressInfo).port}`;
    await tickAt(h, '2026-06-15 09:00');
    const invite = lastCard(h, { to: sec1.open_id, has: '本期群众评议开始了' });
    await press(h, invite, sec1.open_id, {
      button: '开启评议',
      form: { report: '上半年支部围绕中心工作，完成承诺事项十二项。' },
    });
    surveyCard = h.emulator.botMessages({ chat_id: CHATS.eval1 }).at(-1)!.message_id;
    const answer = (who: string) => () =>
      press(h, surveyCard, who, {
        button: '提交评议',
        form: { t0: '满意', t1: '满意', t2: '满意', t3: '满意' },
      });
    await expectClickRefused(answer(outsider.open_id), '只有评议群成员或本支部评议代表可以参加本次评议');
    await expectClickRefused(
      answer(evaluators2[0]!.open_id),
      '只有评议群成员或本支部评议代表可以参加本次评议',
    );
    expect((await answer(evaluators1[0]!.open_id)()).toast?.content).toBe('已提交评议，谢谢参与');
  });

  it('a one-time link posted three times at once, and again later: one ballot', async () => {
    const manage = await say(h, sec1.open_id, '评议');
    await press(h, manage, sec1.open_id, { button: '生成链接', form: { name: '退休干部老刘' } });
    const path = /\/survey\/[A-Za-z0-9_-]+/.exec(cardText(h.emulator.cardOf(manage.message_id)))![0];
    const ballots = () => h.conn.db!.collection('survey_ballots').countDocuments();
    const before = await ballots();
    const form = 't0=satisfied&t1=satisfied&t2=basic&t3=satisfied';
    const post = () =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      }).then((r) => r.status);
    const statuses = await Promise.all([post(), post(), post()]);
    figures.cardCases += 3;
    expect(statuses.sort()).toEqual([200, 410, 410]);
    figures.cardRefused += 2;
    expect(await ballots()).toBe(before + 1);
    figures.cardCases++;
    expect(await post()).toBe(410);
    figures.cardRefused++;
    expect(await ballots()).toBe(before + 1);
  });

  it("ids of another branch in a card's value: its selection, its pledge book, its schedule", async () => {
    const card = await say(h, sec1.open_id, '评选');
    await expectClickRefused(
      tampered(card.message_id, sec1.open_id, {
        value: { action: 'selection.candidates', selection: 'zx-2:2026' },
      }),
      /只有.*可以组织评选/,
    );
    await expectClickRefused(
      tampered(card.message_id, sec1.open_id, { value: { action: 'pledge.edit', p: '2026:zx-2:zx-2' } }),
      /只有.*可以起草支部承诺书/,
    );
    await expectClickRefused(
      tampered(card.message_id, sec1.open_id, {
        value: { action: 'schedule.trigger', branch: 'zx-2', job: 'survey.open' },
      }),
      /只有/,
    );
  });

  it('voting twice in the selection, one after another and at once: one vote each', async () => {
    const nominations = lastCard(h, { chat: CHATS.group1, has: '推荐阶段' });
    await press(h, nominations, li.open_id, {
      button: '推荐',
      form: { nominee: '张伟', reason: '带头服务群众，办结提案督办十二件' },
    });
    await press(h, nominations, zhang.open_id, {
      button: '推荐',
      form: { nominee: '李秀英', reason: '承诺事项全部兑现，群众满意' },
    });
    const status = await say(h, sec1.open_id, '评选');
    expect((await press(h, status, sec1.open_id, { button: '确认候选人' })).toast?.content).toContain(
      '候选人已确认',
    );
    await tickAt(h, '2026-06-24 09:00');
    const vote = lastCard(h, { chat: CHATS.group1, has: '七一评选投票' });
    const cast = (who: string, candidate: string) => () =>
      press(h, vote, who, { button: '投票', form: { candidate } });
    const votes = () => h.conn.db!.collection('selection_votes').countDocuments();

    expect((await cast(li.open_id, '张伟')()).toast?.content).toBe('已投票，谢谢参与');
    await expectClickRefused(cast(li.open_id, '李秀英'), '你已经投过这一项的票了，每人一票');

    const before = await votes();
    const dead = await h.conn.db!.collection('dead_letters').countDocuments();
    const atOnce = await Promise.all([
      cast(zhang.open_id, '李秀英')(),
      cast(zhang.open_id, '张伟')(),
      cast(zhang.open_id, '李秀英')(),
    ]);
    figures.cardCases += 3;
    // The first and third presses are the same click (person, card, value, form): whichever comes second
    // is a double click and gets the first one's answer. The vote for the other candidate is refused.
    const toasts = atOnce.map((a) => a.toast?.content);
    expect(toasts).toContain('你已经投过这一项的票了，每人一票');
    expect(toasts).toContain('已投票，谢谢参与');
    expect(toasts.every((t) => t === '已投票，谢谢参与' || t === '你已经投过这一项的票了，每人一票')).toBe(
      true,
    );
    figures.cardRefused += 2;
    expect(await votes()).toBe(before + 1);
    expect(await h.conn.db!.collection('dead_letters').countDocuments()).toBe(dead);
  });
});

describe('secrets', () => {
  it('the app secret, encrypt key and verification token appear in no log line and no answer', () => {
    const everything = [...h.rawLogs, ...answers.map((a) => JSON.stringify(a))].join('\n');
    for (const secret of [TEST_APP.appSecret, TEST_APP.encryptKey, TEST_APP.verificationToken])
      expect(everything).not.toContain(secret);
    // The log did see the refusals (a test of the capture itself).
    expect(h.rawLogs.length).toBeGreaterThan(20);
  });
});

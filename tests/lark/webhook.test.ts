import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encryptBody } from '../../src/lark/crypto.js';
import { buildEnvelope, sealDelivery } from '../../src/sandbox/emulator/index.js';
import { startHarness, TEST_APP, type Harness } from '../support/harness.js';

const member = 'ou_member00000000000000000000000002';
const textEvent = (
  text: string,
  message_id = `om_${Math.random().toString(16).slice(2).padEnd(32, '0')}`,
) => ({
  sender: { sender_id: { open_id: member }, sender_type: 'user', tenant_key: 'tk' },
  message: {
    message_id,
    chat_id: 'oc_p2p_webhook',
    chat_type: 'p2p',
    message_type: 'text',
    content: JSON.stringify({ text }),
    create_time: '0',
  },
});

describe('with an Encrypt Key (signed, encrypted deliveries)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.emulator.addUser({ open_id: member, name: '李四' });
  });
  afterAll(() => h.close());
  let inboxBefore = 0;
  beforeEach(async () => {
    inboxBefore = await h.inboxCount();
  });
  const nothingWritten = async () => expect(await h.inboxCount()).toBe(inboxBefore);
  const nowSeconds = () => Math.floor(h.clock.now().getTime() / 1000);
  /** Posts `body` correctly signed, optionally encrypted first, so only what is inside can be wrong. */
  const postSigned = (body: unknown, encrypt = false) => {
    const sealed = sealDelivery(body, {
      encryptKey: TEST_APP.encryptKey,
      encrypt,
      sign: true,
      timestamp: nowSeconds(),
    });
    return h.emulator.postRaw('/lark/events', sealed.body, sealed.headers);
  };

  it('answers the encrypted URL-verification challenge (unsigned, as Lark sends it)', async () => {
    const a = await h.emulator.challenge({ encrypt: true });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ challenge: a.challenge });
    await nothingWritten();
  });

  it('refuses a challenge carrying the wrong verification token', async () => {
    const a = await h.emulator.challenge({ encrypt: true, token: 'someone-else' });
    expect(a.status).toBe(401);
    expect(a.body.error).toBe('TOKEN_INVALID');
  });

  it('accepts a validly signed event and stores it once', async () => {
    const a = await h.emulator.deliverEvent('im.message.receive_v1', textEvent('帮助'));
    expect(a.status).toBe(200);
    expect(a.body).toEqual({});
    expect(await h.inboxCount({ _id: a.event_id })).toBe(1);
  });

  it('rejects a forged signature with 401 and writes nothing', async () => {
    const a = await h.emulator.deliverEvent('im.message.receive_v1', textEvent('帮助'), {
      forgeSignature: true,
    });
    expect(a.status).toBe(401);
    expect(a.body).toMatchObject({
      error: 'SIGNATURE_INVALID',
      message: expect.stringContaining('X-Lark-Signature'),
    });
    await nothingWritten();
  });

  it('rejects an unsigned event when an Encrypt Key is configured', async () => {
    const a = await h.emulator.deliverEvent('im.message.receive_v1', textEvent('帮助'), { sign: false });
    expect(a.status).toBe(401);
    expect(a.body.error).toBe('SIGNATURE_MISSING');
    await nothingWritten();
  });

  it('rejects a stale timestamp, even when correctly signed', async () => {
    const thirteenHoursAgo = nowSeconds() - 13 * 3600;
    const a = await h.emulator.deliverEvent('im.message.receive_v1', textEvent('帮助'), {
      timestamp: thirteenHoursAgo,
    });
    expect(a.status).toBe(401);
    expect(a.body.error).toBe('TIMESTAMP_STALE');
    await nothingWritten();
  });

  it("accepts a retry signed hours ago, within Lark's retry schedule", async () => {
    const sixHoursAgo = nowSeconds() - 6 * 3600;
    const a = await h.emulator.deliverEvent('im.message.receive_v1', textEvent('帮助'), {
      timestamp: sixHoursAgo,
    });
    expect(a.status).toBe(200);
  });

  it('refuses an event addressed to another app (its app_id), even correctly signed, and writes nothing', async () => {
    const a = await h.emulator.deliverEvent('im.message.receive_v1', textEvent('帮助'), {
      appId: 'cli_0000000000000000',
    });
    expect(a.status).toBe(403);
    expect(a.body).toMatchObject({ error: 'APP_MISMATCH', message: expect.stringContaining('another app') });
    await nothingWritten();
  });

  it('refuses a card callback without who clicked with 400 and a reason, not a 500', async () => {
    const a = await h.emulator.deliverEvent('card.action.trigger', {
      operator: { open_id: null },
      token: 'c-123',
      action: { value: { action: 'x' }, tag: 'button' },
    });
    expect(a.status).toBe(400);
    expect(a.body).toMatchObject({
      error: 'CARD_MALFORMED',
      message: expect.stringContaining('operator.open_id'),
    });
    await nothingWritten();
    expect(h.logs.some((l) => l.code === 'CARD_MALFORMED' && l.eventId === a.event_id)).toBe(true);
  });

  it('accepts a card callback whose unused fields are null or odd (a string value, numeric option)', async () => {
    const a = await h.emulator.deliverEvent('card.action.trigger', {
      operator: { open_id: member, union_id: null, user_id: null, tenant_key: null },
      token: null,
      action: {
        value: 'legacy-string-value',
        tag: 'select_static',
        option: 3,
        options: null,
        checked: 'yes',
      },
      host: 'im_message',
      context: null,
    });
    expect(a.status).toBe(200);
    expect(a.body.toast).toMatchObject({ type: 'warning', content: expect.stringContaining('失效') });
  });

  it('rejects a body that does not decrypt with the configured key', async () => {
    const envelope = buildEnvelope('im.message.receive_v1', textEvent('帮助'), {
      appId: TEST_APP.appId,
      token: TEST_APP.verificationToken,
      eventId: 'ev_bad_cipher',
      createTimeMs: h.clock.now().getTime(),
    });
    const a = await postSigned({ encrypt: encryptBody(JSON.stringify(envelope), 'not-the-key') });
    expect(a.status).toBe(400);
    expect(a.body.error).toBe('DECRYPT_FAILED');
    await nothingWritten();
  });

  it('rejects garbage in the encrypt field', async () => {
    const a = await postSigned({ encrypt: 'bm90IGEgY2lwaGVydGV4dA==' });
    expect(a.status).toBe(400);
    expect(a.body.error).toBe('DECRYPT_FAILED');
  });

  it('rejects malformed JSON with 400 and a reason', async () => {
    const a = await h.emulator.postRaw('/lark/events', '{"schema": "2.0", "header": {');
    expect(a.status).toBe(400);
    expect(a.body).toMatchObject({ error: 'BODY_MALFORMED', message: expect.stringContaining('JSON') });
    await nothingWritten();
  });

  it('rejects an oversized body with 413', async () => {
    const a = await h.emulator.postRaw(
      '/lark/events',
      JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024 + 10) }),
    );
    expect(a.status).toBe(413);
    expect(a.body.error).toBe('BODY_TOO_LARGE');
    await nothingWritten();
  });

  it('rejects a body that is not JSON at all (wrong content type)', async () => {
    const a = await h.emulator.postRaw('/lark/events', 'hello', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(a.status).toBe(415);
    await nothingWritten();
  });

  it('rejects an unknown schema (a v1.0 event) with a reason', async () => {
    const v1 = {
      uuid: 'u-1',
      token: TEST_APP.verificationToken,
      ts: '1',
      type: 'event_callback',
      event: { type: 'message' },
    };
    const a = await postSigned(v1, true);
    expect(a.status).toBe(400);
    expect(a.body).toMatchObject({ error: 'SCHEMA_UNKNOWN', message: expect.stringContaining('v1.0') });
    await nothingWritten();
  });

  it('never writes the keys, tokens or signatures into its logs', async () => {
    await h.emulator.deliverEvent('im.message.receive_v1', textEvent('帮助'), { forgeSignature: true });
    await h.emulator.deliverEvent('im.message.receive_v1', textEvent('帮助'));
    await h.bot.inbox.idle();
    await h.bot.outbox.idle();
    const all = h.rawLogs.join('\n');
    expect(h.logs.some((l) => l.code === 'SIGNATURE_INVALID')).toBe(true);
    for (const secret of [TEST_APP.encryptKey, TEST_APP.appSecret, TEST_APP.verificationToken]) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('without an Encrypt Key (plain bodies, verification token)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ encrypt: false });
  });
  afterAll(() => h.close());

  it('answers the plain challenge', async () => {
    const a = await h.emulator.challenge({ encrypt: false });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ challenge: a.challenge });
  });

  it('accepts an event with the right token and refuses one with another token', async () => {
    const ok = await h.emulator.deliverEvent('im.message.receive_v1', textEvent('帮助'));
    expect(ok.status).toBe(200);
    const bad = await h.emulator.deliverEvent('im.message.receive_v1', textEvent('帮助'), {
      token: 'forged',
    });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('TOKEN_INVALID');
    expect(await h.inboxCount({ _id: bad.event_id })).toBe(0);
  });
});

describe('health', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('reports alive and ready (database reachable, migrations applied)', async () => {
    const alive = await h.bot.app.inject({ method: 'GET', url: '/healthz' });
    expect(alive.statusCode).toBe(200);
    const ready = await h.bot.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: 'reachable', pendingMigrations: [] });
  });
});

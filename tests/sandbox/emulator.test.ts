/** The emulator's Open API, driven by the real SDK over HTTP. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { LarkEmulator } from '../../src/sandbox/emulator/index.js';
import { APP, Clock, card2, failure, sdkClient, startEmulator } from './emulator-fixtures.js';

const GROUP = 'oc_group000000000000000000000000001';
const ALICE = 'ou_alice00000000000000000000000001';
const BOB = 'ou_bob0000000000000000000000000001';

let clock: Clock;
let em: LarkEmulator;
let client: lark.Client;

beforeEach(async () => {
  clock = new Clock();
  em = await startEmulator(clock);
  em.addUser({ open_id: ALICE, name: '张三', union_id: 'on_alice', user_id: 'alice' });
  em.addUser({ open_id: BOB, name: '李四' });
  em.addChat({ chat_id: GROUP, name: '第一党支部', members: [ALICE, BOB, em.botOpenId] });
  client = sdkClient(em);
});

afterEach(async () => {
  await em.close();
});

const sendCard = (card: unknown, receive_id = GROUP, uuid?: string) =>
  client.im.v1.message.create({
    params: { receive_id_type: 'chat_id' },
    data: { receive_id, msg_type: 'interactive', content: JSON.stringify(card), ...(uuid && { uuid }) },
  });

describe('auth', () => {
  it('issues a tenant token and rejects calls without a valid one', async () => {
    const res = await fetch(`${em.url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: APP.appId, app_secret: APP.appSecret }),
    });
    const body = (await res.json()) as { code: number; tenant_access_token: string; expire: number };
    expect(body).toMatchObject({ code: 0, expire: 7200 });
    expect(body.tenant_access_token).toMatch(/^t-/);

    const info = (url: string, auth?: string) =>
      fetch(`${em.url}${url}`, auth ? { headers: { authorization: auth } } : {}).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { code: number; bot?: { open_id: string } },
      }));
    expect(await info('/open-apis/bot/v3/info')).toMatchObject({ status: 400, body: { code: 99991661 } });
    expect(await info('/open-apis/bot/v3/info', 'Bearer t-nope')).toMatchObject({ body: { code: 99991663 } });
    const ok = await info('/open-apis/bot/v3/info', `Bearer ${body.tenant_access_token}`);
    expect(ok.body).toMatchObject({ code: 0, bot: { open_id: em.botOpenId, activate_status: 2 } });

    // Tokens expire on the injected clock: the SDK's cached token is then refused, as Lark would.
    clock.advance(7200 * 1000);
    expect(await info('/open-apis/bot/v3/info', `Bearer ${body.tenant_access_token}`)).toMatchObject({
      body: { code: 99991663 },
    });
  });

  it('re-issues a token only in its last 30 minutes and refuses a wrong secret', async () => {
    const token = () =>
      fetch(`${em.url}/open-apis/auth/v3/tenant_access_token/internal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app_id: APP.appId, app_secret: APP.appSecret }),
      }).then((r) => r.json() as Promise<{ tenant_access_token: string; expire: number }>);
    const first = await token();
    clock.advance(60 * 60 * 1000);
    expect(await token()).toEqual({ ...first, code: 0, msg: 'ok', expire: 3600 });
    clock.advance(40 * 60 * 1000);
    expect((await token()).tenant_access_token).not.toBe(first.tenant_access_token);

    const bad = sdkClient(em, 'wrong');
    await expect(
      bad.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: {} as never }),
    ).rejects.toThrow();
    expect(em.calls.at(-1)).toMatchObject({
      path: '/open-apis/auth/v3/tenant_access_token/internal',
      code: 10014,
    });
  });
});

describe('messages', () => {
  it('creates a card message and records it', async () => {
    const res = await sendCard(card2('hello'));
    expect(res.code).toBe(0);
    expect(res.data?.message_id).toMatch(/^om_[0-9a-f]{32}$/);
    expect(res.data?.chat_id).toBe(GROUP);
    const [m] = em.botMessages({ chat_id: GROUP });
    expect(m).toMatchObject({ message_id: res.data?.message_id, msg_type: 'interactive', sender: 'bot' });
    expect(m?.content).toEqual(card2('hello'));
    expect(m?.created_at).toBe(clock.t);
    expect(em.calls.map((c) => c.path)).toEqual([
      '/open-apis/auth/v3/tenant_access_token/internal',
      '/open-apis/im/v1/messages',
    ]);
  });

  it('creates a p2p chat per open_id on first send and reuses it', async () => {
    const send = (text: string) =>
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: ALICE, msg_type: 'text', content: JSON.stringify({ text }) },
      });
    const a = await send('one');
    const b = await send('two');
    expect(a.data?.chat_id).toMatch(/^oc_/);
    expect(b.data?.chat_id).toBe(a.data?.chat_id);
    expect(em.botMessages({ receive_id: ALICE })).toHaveLength(2);
    const unknown = await failure(
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: 'ou_stranger', msg_type: 'text', content: '{"text":"x"}' },
      }),
    );
    expect(unknown.data.code).toBe(230013);
  });

  it('dedupes on uuid within one hour', async () => {
    const a = await sendCard(card2('x'), GROUP, 'uuid-1');
    const b = await sendCard(card2('x'), GROUP, 'uuid-1');
    expect(b.data?.message_id).toBe(a.data?.message_id);
    expect(em.botMessages()).toHaveLength(1);
    clock.advance(60 * 60 * 1000);
    const c = await sendCard(card2('x'), GROUP, 'uuid-1');
    expect(c.data?.message_id).not.toBe(a.data?.message_id);
    expect(em.botMessages()).toHaveLength(2);
  });

  it('rejects unknown chats', async () => {
    const r = await failure(sendCard(card2('x'), 'oc_nowhere'));
    expect(r.status).toBe(400);
    expect(r.data.code).toBe(230002);
  });

  it('replies, patches and buzzes', async () => {
    const parent = (await sendCard(card2('v1'))).data!.message_id!;
    const reply = await client.im.v1.message.reply({
      path: { message_id: parent },
      data: { msg_type: 'text', content: JSON.stringify({ text: 'thread' }) },
    });
    expect(reply.data?.parent_id).toBe(parent);
    expect(em.messages.at(-1)).toMatchObject({
      reply_to: parent,
      chat_id: GROUP,
      receive_id_type: 'chat_id',
    });

    await client.im.v1.message.patch({
      path: { message_id: parent },
      data: { content: JSON.stringify(card2('v2')) },
    });
    expect(em.cardOf(parent)).toEqual(card2('v2'));
    expect(em.messages[0]?.updates).toMatchObject([{ via: 'patch', at: clock.t }]);

    const urgent = await client.im.v1.message.urgentApp({
      path: { message_id: parent },
      params: { user_id_type: 'open_id' },
      data: { user_id_list: [ALICE, 'ou_ghost'] },
    });
    expect(urgent.data?.invalid_user_id_list).toEqual(['ou_ghost']);
    expect(em.urgents).toMatchObject([{ message_id: parent, user_ids: [ALICE, 'ou_ghost'] }]);

    const notCard = reply.data!.message_id!;
    const r = await failure(
      client.im.v1.message.patch({
        path: { message_id: notCard },
        data: { content: JSON.stringify(card2('x')) },
      }),
    );
    expect(r.data.code).toBe(230001);
  });

  it('only patches shared cards of its own, at most 5 times a second', async () => {
    const id = (await sendCard(card2('v'))).data!.message_id!;
    const patch = (content: unknown) =>
      client.im.v1.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(content) } });
    for (let i = 0; i < 5; i++) await patch(card2(`v${i}`));
    expect((await failure(patch(card2('v5')))).data.code).toBe(230020);
    clock.advance(1000);
    await patch(card2('v5'));
    const unshared = await failure(patch({ ...card2('x'), config: {} }));
    expect(unshared.data).toMatchObject({ code: 230099, msg: expect.stringContaining('update_multi') });
  });

  it.each([
    ['update_multi', { ...card2('x'), config: { update_multi: false } }],
    ['template', card2('x', { header: { title: { tag: 'plain_text', content: 'T' }, template: 'pink' } })],
    ['"action" module', card2('x', { body: { elements: [{ tag: 'action', actions: [] }] } })],
    ['bytes', card2('x'.repeat(31 * 1024))],
    [
      'not unique',
      card2('x', {
        body: {
          elements: [
            {
              tag: 'form',
              name: 'f',
              elements: [
                { tag: 'input', name: 'a' },
                { tag: 'input', name: 'a' },
              ],
            },
          ],
        },
      }),
    ],
  ])('rejects an invalid card (%s)', async (problem, card) => {
    const r = await failure(sendCard(card));
    expect(r.status).toBe(400);
    expect(r.data.code).toBe(230099);
    expect(r.data.msg).toContain(problem);
    expect(em.botMessages()).toHaveLength(0);
  });

  it('rejects content that is not JSON', async () => {
    const r = await failure(
      client.im.v1.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: GROUP, msg_type: 'interactive', content: '{not json' },
      }),
    );
    expect(r.data.code).toBe(230001);
  });
});

describe('rate limits and faults', () => {
  it('answers 429 + 99991400 with ratelimit headers over the per-app limits', async () => {
    em.setRateLimit({ appPerSecond: 3 });
    const chats = ['oc_c1', 'oc_c2', 'oc_c3', 'oc_c4'];
    for (const c of chats) em.addChat({ chat_id: c, name: c, members: [ALICE] });
    for (const c of chats.slice(0, 3)) await sendCard(card2('x'), c);
    const r = await failure(sendCard(card2('x'), 'oc_c4'));
    expect(r.status).toBe(429);
    expect(r.data).toEqual({ code: 99991400, msg: 'request trigger frequency limit' });
    expect(r.headers['x-ogw-ratelimit-limit']).toBe('3');
    expect(r.headers['x-ogw-ratelimit-reset']).toBe('1');
    clock.advance(1000);
    await sendCard(card2('x'), 'oc_c4');

    em.setRateLimit({ appPerSecond: 50, appPerMinute: 5 });
    clock.advance(20_000);
    await sendCard(card2('x'), 'oc_c1');
    const m = await failure(sendCard(card2('x'), 'oc_c2'));
    expect(m.status).toBe(429);
    expect(m.headers['x-ogw-ratelimit-limit']).toBe('5');
    // The oldest of the 5 calls in the minute window was sent 21 s ago.
    expect(m.headers['x-ogw-ratelimit-reset']).toBe('39');
  });

  it('answers 400 + 230020 over the per-chat limit, other chats unaffected', async () => {
    em.addChat({ chat_id: 'oc_other', name: 'other', members: [BOB] });
    for (let i = 0; i < 5; i++) await sendCard(card2(`m${i}`));
    const r = await failure(sendCard(card2('m5')));
    expect(r.status).toBe(400);
    expect(r.data).toEqual({ code: 230020, msg: 'chat rate limit' });
    await sendCard(card2('elsewhere'), 'oc_other');
    expect(em.calls.filter((c) => c.code === 230020)).toHaveLength(1);
  });

  it('failNext answers first, matched by method and path, then stops', async () => {
    em.failNext(
      2,
      { status: 503, code: 1, msg: 'busy', headers: { 'retry-after': '1' } },
      { method: 'POST', pathPrefix: '/open-apis/im/v1/messages' },
    );
    const r = await failure(sendCard(card2('x')));
    expect(r).toMatchObject({ status: 503, data: { code: 1, msg: 'busy' } });
    expect(r.headers['retry-after']).toBe('1');
    await failure(sendCard(card2('x')));
    expect((await sendCard(card2('x'))).code).toBe(0);
    expect(em.calls.map((c) => c.status)).toEqual([200, 503, 503, 200]);
  });

  it('failNext without a path spares the token endpoint', async () => {
    em.failNext(1, { status: 429, code: 99991400, headers: { 'x-ogw-ratelimit-reset': '2' } });
    const r = await failure(sendCard(card2('x')));
    expect(r.status).toBe(429);
    expect(r.headers['x-ogw-ratelimit-reset']).toBe('2');
    expect(em.calls[0]).toMatchObject({
      path: '/open-apis/auth/v3/tenant_access_token/internal',
      status: 200,
    });
  });
});

describe('directory', () => {
  it('pages chat members for real and never lists the bot', async () => {
    const many = Array.from({ length: 45 }, (_, i) => `ou_member${String(i).padStart(24, '0')}`);
    em.addChat({ chat_id: 'oc_big', name: 'big', members: [em.botOpenId, ...many] });
    const first = await client.im.v1.chatMembers.get({
      path: { chat_id: 'oc_big' },
      params: { member_id_type: 'open_id' },
    });
    expect(first.data).toMatchObject({ has_more: true, member_total: 45 });
    expect(first.data?.items).toHaveLength(20);
    const all: string[] = [];
    for await (const page of await client.im.v1.chatMembers.getWithIterator({
      path: { chat_id: 'oc_big' },
      params: { member_id_type: 'open_id', page_size: 20 },
    })) {
      all.push(...(page?.items ?? []).map((m) => m.member_id!));
    }
    expect(all).toEqual(many);

    const small = await client.im.v1.chatMembers.get({
      path: { chat_id: GROUP },
      params: { member_id_type: 'open_id' },
    });
    expect(small.data?.items).toEqual([
      { member_id_type: 'open_id', member_id: ALICE, name: '张三', tenant_key: expect.any(String) },
      { member_id_type: 'open_id', member_id: BOB, name: '李四', tenant_key: expect.any(String) },
    ]);
    expect(small.data?.has_more).toBe(false);
  });

  it('looks users up and reports unknown ones', async () => {
    const u = await client.contact.v3.user.get({
      path: { user_id: ALICE },
      params: { user_id_type: 'open_id' },
    });
    expect(u.data?.user).toMatchObject({
      open_id: ALICE,
      name: '张三',
      union_id: 'on_alice',
      user_id: 'alice',
    });
    const byUnion = await client.contact.v3.user.get({
      path: { user_id: 'on_alice' },
      params: { user_id_type: 'union_id' },
    });
    expect(byUnion.data?.user?.open_id).toBe(ALICE);
    const r = await failure(
      client.contact.v3.user.get({ path: { user_id: 'ou_ghost' }, params: { user_id_type: 'open_id' } }),
    );
    expect(r.data.code).toBe(41050);
  });
});

describe('files', () => {
  it('uploads a Buffer and a stream, then sends a file message', async () => {
    const bytes = Buffer.from('名字,分数\n张三,95\n');
    const a = await client.im.v1.file.create({
      data: { file_type: 'stream', file_name: '评分.csv', file: bytes },
    });
    expect(a?.file_key).toMatch(/^file_v3_/);
    expect(em.files[0]).toMatchObject({ file_name: '评分.csv', file_type: 'stream', size: bytes.length });
    expect(em.files[0]?.data.equals(bytes)).toBe(true);

    const dir = await mkdtemp(join(tmpdir(), 'emulator-'));
    await writeFile(join(dir, 'r.pdf'), Buffer.alloc(70_000, 7));
    const b = await client.im.v1.file.create({
      data: { file_type: 'pdf', file_name: 'r.pdf', file: createReadStream(join(dir, 'r.pdf')) },
    });
    expect(em.files[1]).toMatchObject({ file_key: b?.file_key, size: 70_000 });

    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: GROUP, msg_type: 'file', content: JSON.stringify({ file_key: a?.file_key }) },
    });
    expect(sent.code).toBe(0);
    const bad = await failure(
      client.im.v1.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: GROUP, msg_type: 'file', content: JSON.stringify({ file_key: 'file_v3_nope' }) },
      }),
    );
    expect(bad.data.code).toBe(230001);
  });

  it('serves a file back: the app’s own upload by key, and a file message’s resource', async () => {
    const bytes = Buffer.from('台账,2026\n');
    const up = await client.im.v1.file.create({
      data: { file_type: 'xls', file_name: '台账.xlsx', file: bytes },
    });
    const fileKey = up!.file_key!;
    const read = async (r: { getReadableStream: () => AsyncIterable<unknown> }) => {
      const chunks: Buffer[] = [];
      for await (const c of r.getReadableStream()) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    };
    const own = await client.im.v1.file.get({ path: { file_key: fileKey } });
    expect((await read(own)).equals(bytes)).toBe(true);
    expect(own.headers['content-disposition']).toContain(encodeURIComponent('台账.xlsx'));

    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: GROUP, msg_type: 'file', content: JSON.stringify({ file_key: fileKey }) },
    });
    const message_id = sent.data!.message_id!;
    const res = await client.im.v1.messageResource.get({
      path: { message_id, file_key: fileKey },
      params: { type: 'file' },
    });
    expect((await read(res)).equals(bytes)).toBe(true);

    const other = await client.im.v1.file.create({
      data: { file_type: 'stream', file_name: 'x', file: bytes },
    });
    const wrong = await failure(
      client.im.v1.messageResource.get({
        path: { message_id, file_key: other!.file_key! },
        params: { type: 'file' },
      }),
    );
    expect(wrong.status).toBe(400);
    expect((await failure(client.im.v1.file.get({ path: { file_key: 'file_v3_nope' } }))).status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, markdown } from '../../cards/kit.js';
import { listDisclosures } from '../../src/bot/disclosures.js';
import { startHarness, type Harness } from '../support/harness.js';

const chat = 'oc_disclosure_office';

describe('the disclosure archive (公开记录)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.emulator.addChat({ chat_id: chat, name: '机关公开频道', members: [] });
  });
  afterAll(() => h.close());

  it('keeps what was shown, where, when, its message id and its data, once per key', async () => {
    const data = { month: '2026-03', ratings: { 优秀: 3, 良好: 5 } };
    const message = {
      op: 'send' as const,
      receiveIdType: 'chat_id' as const,
      receiveId: chat,
      card: card({
        title: { zh: '2026年3月 评定结果' },
        template: 'red',
        elements: [markdown({ zh: '优秀 3 人' })],
      }),
      disclosure: {
        kind: 'rating.monthly',
        title: '2026年3月 党员月度评定结果',
        branchIds: ['b1'],
        period: '2026-03',
        data,
      },
    };
    expect(await h.bot.outbox.enqueue('disclosure.monthly:b1:2026-03:office', message)).toBe(true);
    expect(await h.bot.outbox.enqueue('disclosure.monthly:b1:2026-03:office', message)).toBe(false);
    await h.bot.outbox.idle();

    const sent = h.emulator.botMessages({ chat_id: chat });
    expect(sent).toHaveLength(1);
    const [entry, ...more] = await listDisclosures(h.conn.db!, { branchId: 'b1', period: '2026' });
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      kind: 'rating.monthly',
      title: '2026年3月 党员月度评定结果',
      receiveId: chat,
      period: '2026-03',
      messageId: sent[0]!.message_id,
    });
    expect(JSON.parse(entry!.dataJson)).toEqual(data);
    // The outbox keeps the message without the archived data.
    const item = await h.conn
      .db!.collection('outbox_done')
      .findOne({ _id: 'disclosure.monthly:b1:2026-03:office' as never });
    expect(JSON.stringify(item)).not.toContain('"disclosure"');
    expect(await listDisclosures(h.conn.db!, { branchId: 'b2' })).toHaveLength(0);
  });
});

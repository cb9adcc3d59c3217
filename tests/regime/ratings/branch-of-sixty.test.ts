/**
 * A branch of sixty: the rating card is paged, and each click on it (save a page, turn the page) is
 * answered well within Lark's 3 s.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ratingsModule } from '../../../src/regime/ratings/index.js';
import { recordsModule } from '../../../src/regime/records/index.js';
import { importFixture } from '../../org/fixtures.js';
import { cardText, press, say, shanghai } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';

const secretary = 'ou_s60000000000000000000000000000001';
const member = (i: number) => `ou_m60${String(i).padStart(30, '0')}`;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    clock: new FakeClock(shanghai('2026-12-04 10:00')),
    modules: [recordsModule({}), ratingsModule({})],
  });
  const people = Array.from(
    { length: 60 },
    (_, i) =>
      `  - open_id: ${member(i)}\n    name: 党员${String(i).padStart(2, '0')}\n    roles: { member: zx-1 }`,
  );
  await importFixture(
    h.conn,
    `organisation: { id: o, name: 机关 }\nbranches:\n  - id: zx-1\n    name: 第一党支部\npeople:\n  - open_id: ${secretary}\n    name: 王书记\n    roles: { secretary: zx-1 }\n${people.join('\n')}\n`,
  );
  h.emulator.addUser({ open_id: secretary, name: '王书记' });
}, 120_000);
afterAll(() => h.close());

it('pages the sixty members six at a time and answers each click within 3 s', async () => {
  const sheet = await say(h, secretary, '评定');
  expect(cardText(sheet.content)).toContain('第 1/10 页');
  let t = performance.now();
  const saved = await press(h, sheet, secretary, {
    button: '保存本页',
    form: { g0: '优秀', g1: '良好', g2: '良好', g3: '一般', g4: '良好', g5: '优秀' },
  });
  const saveMs = performance.now() - t;
  expect(saved.toast?.content).toBe('已保存 6 人，还有 54 人未评定');
  t = performance.now();
  await press(h, sheet, secretary, { button: '下一页' });
  const pageMs = performance.now() - t;
  expect(cardText(h.emulator.cardOf(sheet.message_id))).toContain('第 2/10 页');
  expect(cardText(h.emulator.cardOf(sheet.message_id))).toContain('党员06');
  console.info(`branch of 60: save ${saveMs.toFixed(0)} ms, next page ${pageMs.toFixed(0)} ms`);
  expect(saveMs).toBeLessThan(3000);
  expect(pageMs).toBeLessThan(3000);
});

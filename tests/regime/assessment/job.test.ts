/** assessment.open: in January the calendar builds last year's assessment and sends the secretary the sheet. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cardText, lastCard, shanghai, tickAt } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { people, setUpYear } from './year-data.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock: new FakeClock(shanghai('2027-01-08 08:00')), assembled: true });
  await setUpYear(h);
}, 120_000);
afterAll(() => h.close());

it('on the first working day from 10 January the secretary gets the ranked sheet to confirm', async () => {
  // 10 January 2027 is a Sunday: the reminder waits for Monday the 11th.
  await tickAt(h, '2027-01-11 09:00');
  const sheet = cardText(lastCard(h, { to: people.secretary.open_id, has: '年终考核' }));
  expect(sheet).toContain('2026年度党员年终考核');
  expect(sheet).toContain('1. **李二** 85.00 分 · **优秀**');
  expect(sheet).toContain('确认公示');
});

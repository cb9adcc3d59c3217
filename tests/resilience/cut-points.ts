/**
 * The multi-document crash tests' loop: one target (a pledge, a survey) per cut point. For cut n the bot is
 * killed, started again to die just before write n of target n's change (./kill-at-write.ts), finishes
 * target n−1 (its stored click, resumed), and target n is clicked; then either the bot dies or the change
 * completes. At the end a bot that never dies finishes the last. Returns the cut points that killed it.
 */
import type { ChildBot } from './child-bot.js';
import { tail, until } from './child-bot.js';

export interface CutTargets<T> {
  targets: readonly T[];
  /** The bot now running (the test's own variable: its logs go into a failure's message). */
  bot(): ChildBot | undefined;
  /** Starts a bot that dies before write `cut` (0: never) of `target`'s change, and makes it the bot. */
  start(cut: number, target?: T): Promise<ChildBot>;
  /** The click that makes the change (it may fail: the connection dies with the bot). */
  click(target: T): Promise<unknown>;
  /** What is stored and sent of the target's change, compared whole with `complete`. */
  state(target: T): Promise<unknown>;
  complete: unknown;
  name(target: T): string;
}

export async function cutAtEachWrite<T>(o: CutTargets<T>): Promise<number[]> {
  const cutsThatKilled: number[] = [];
  for (const [i, target] of o.targets.entries()) {
    const cut = i + 1;
    await o.bot()?.kill(); // it may have survived the previous cut point (fewer writes than that)
    const bot = await o.start(cut, target);
    if (i > 0) await finished(o, o.targets[i - 1]!);
    const clicked = o.click(target).catch(() => undefined);
    const died = bot.exited.then(() => true);
    const done = until(`${o.name(target)} done`, () => isComplete(o, target), 60_000).then(() => false);
    if (await Promise.race([died, done])) cutsThatKilled.push(cut);
    await clicked;
  }
  await o.bot()?.kill();
  await o.start(0);
  await finished(o, o.targets.at(-1)!);
  return cutsThatKilled;
}

const isComplete = async <T>(o: CutTargets<T>, target: T) =>
  JSON.stringify(await o.state(target)) === JSON.stringify(o.complete);

/** Waits until the target's change has had all its effects; else fails showing what is missing. */
const finished = <T>(o: CutTargets<T>, target: T) =>
  until(`${o.name(target)} is finished`, () => isComplete(o, target), 60_000).catch(async (err: Error) => {
    throw new Error(
      `${err.message}: ${JSON.stringify(await o.state(target))}\n${tail(o.bot()?.logs ?? [], 10)}`,
    );
  });

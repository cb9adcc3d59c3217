/**
 * Preloaded into a child bot (`--import`): kills the process with SIGKILL just before its N-th database
 * write, counted from the first write to one collection (the moment a card click is claimed) — a power cut
 * at an exact point of a multi-document change. Nothing in the bot knows about it.
 *
 *   KILL_ARM=<collection>     start counting at the first write to it (that write is number 1)
 *   KILL_ARM_MATCH=<text>     only a write to it whose arguments contain this text arms (e.g. one record's
 *                             id, so that work resumed from an earlier cut does not start the count)
 *   KILL_BEFORE_WRITE=<n>     die before write n (0: never)
 */
import { Collection } from 'mongodb';

const WRITES = [
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'bulkWrite',
] as const;

const arm = process.env.KILL_ARM;
const match = process.env.KILL_ARM_MATCH;
const killAt = Number(process.env.KILL_BEFORE_WRITE ?? 0);
let armed = false;
let count = 0;

type Method = (this: Collection, ...args: unknown[]) => unknown;
const proto = Collection.prototype as unknown as Record<string, Method>;
for (const name of WRITES) {
  const original = proto[name]!;
  proto[name] = function (this: Collection, ...args: unknown[]) {
    // The heartbeat's beat is a timer's write, not part of the change being cut: counting it would move
    // the cut points with the clock.
    if (this.collectionName === 'instances') return original.apply(this, args);
    armed ||= this.collectionName === arm && (!match || JSON.stringify(args).includes(match));
    if (armed && ++count === killAt) process.kill(process.pid, 'SIGKILL');
    return original.apply(this, args);
  };
}

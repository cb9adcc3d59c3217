/**
 * Puts the demo organisation in place: its people and group chats in the Lark emulator (the bot is in every
 * group), and the organisation file imported into the database with the ordinary importer, which writes only
 * what differs — so seeding again on every start is harmless.
 */
import type { Connection } from 'mongoose';
import { importOrg, type OrgChange } from '../../org/import/import-org.js';
import type { LarkEmulator } from '../emulator/index.js';
import { demoChats, demoPeople, loadDemoOrg, type DemoChat, type DemoPerson } from './demo-org.js';

export interface DemoDirectory {
  people: DemoPerson[];
  chats: DemoChat[];
  branchIds: string[];
}

/** Adds the demo's people and groups to the emulator (idempotent: they are keyed by their ids). */
export function addDemoToEmulator(emulator: LarkEmulator): DemoDirectory {
  const file = loadDemoOrg();
  const people = demoPeople(file);
  const chats = demoChats(file);
  for (const p of people) emulator.addUser({ open_id: p.openId, name: p.name });
  for (const c of chats)
    emulator.addChat({ chat_id: c.chatId, name: c.name, members: [...c.members, emulator.botOpenId] });
  return { people, chats, branchIds: file.branches.map((b) => b.id) };
}

/** Imports the demo organisation file; the changes it made (none when it was already there). */
export function importDemoOrg(conn: Connection, now: Date): Promise<OrgChange[]> {
  return importOrg(conn, loadDemoOrg(), { now, fileName: 'src/sandbox/demo/demo-org.yaml' });
}

/**
 * Everything the emulated Lark tenant knows: directory, messages, tokens and recordings. The HTTP routes
 * and the delivery side both work on this one object, so what the bot sends and what a "user" does are
 * seen in a single, ordered history.
 */
import { EventEmitter } from 'node:events';
import { DEFAULT_TENANT_KEY } from './envelope.js';
import { derivedId, newChatId } from './ids.js';
import { LarkRateLimits } from './rate-limits.js';
import type {
  EmulatedChat,
  EmulatedUser,
  EmulatorOptions,
  FaultAnswer,
  FaultMatch,
  RecordedCall,
  RecordedFile,
  RecordedMessage,
  RecordedUrgent,
  UpdateVia,
} from './types.js';

export const DEFAULT_BOT_OPEN_ID = 'ou_bot0000000000000000000000000000';
export const DEFAULT_BOT_NAME = '一诺三评助手';

export interface ResolvedOptions {
  appId: string;
  appSecret: string;
  verificationToken: string;
  encryptKey: string | undefined;
  botOpenId: string;
  botName: string;
  tenantKey: string;
  now: () => number;
}

export interface CardToken {
  message_id: string;
  issuedAt: number;
  uses: number;
}

interface Fault {
  remaining: number;
  answer: FaultAnswer;
  match: FaultMatch | undefined;
}

export class EmulatorState {
  readonly opts: ResolvedOptions;
  readonly limits: LarkRateLimits;
  /** Emits 'message' (RecordedMessage) whenever one is recorded. */
  readonly events = new EventEmitter();

  readonly users = new Map<string, EmulatedUser>();
  readonly chats = new Map<string, Required<EmulatedChat>>();
  private readonly p2pChats = new Map<string, string>();

  readonly messages: RecordedMessage[] = [];
  private readonly byId = new Map<string, RecordedMessage>();
  /** uuid → message, for Lark's 1-hour idempotency window. */
  readonly uuids = new Map<string, RecordedMessage>();

  /** tenant_access_token → expiry (ms, per `now`). */
  readonly tenantTokens = new Map<string, number>();
  readonly cardTokens = new Map<string, CardToken>();

  readonly calls: RecordedCall[] = [];
  readonly files: RecordedFile[] = [];
  readonly urgents: RecordedUrgent[] = [];
  private readonly faults: Fault[] = [];

  constructor(o: EmulatorOptions) {
    this.opts = {
      appId: o.appId,
      appSecret: o.appSecret,
      verificationToken: o.verificationToken,
      encryptKey: o.encryptKey || undefined,
      botOpenId: o.botOpenId ?? DEFAULT_BOT_OPEN_ID,
      botName: o.botName ?? DEFAULT_BOT_NAME,
      tenantKey: o.tenantKey ?? DEFAULT_TENANT_KEY,
      now: o.now ?? Date.now,
    };
    this.limits = new LarkRateLimits(o.rateNow ?? this.opts.now, o.rateLimit);
    // A waiter per test is normal; the default cap of 10 would only produce noise.
    this.events.setMaxListeners(0);
  }

  now(): number {
    return this.opts.now();
  }

  // --- directory ---------------------------------------------------------------------------------------

  addUser(u: EmulatedUser): void {
    this.users.set(u.open_id, { ...u });
  }

  /** A user as Lark would describe them, with stable derived ids where the test gave none. */
  userView(openId: string): Required<Pick<EmulatedUser, 'open_id' | 'union_id' | 'user_id' | 'name'>> {
    const u = this.users.get(openId);
    return {
      open_id: openId,
      union_id: u?.union_id ?? derivedId('on_', openId),
      user_id: u?.user_id ?? derivedId('', openId).slice(0, 8),
      name: u?.name ?? '',
    };
  }

  findUser(id: string, idType: string): EmulatedUser | undefined {
    if (idType === 'open_id') return this.users.get(id);
    for (const u of this.users.values()) {
      if ((idType === 'union_id' && u.union_id === id) || (idType === 'user_id' && u.user_id === id))
        return u;
      if (idType === 'email' && u.email === id) return u;
    }
    return undefined;
  }

  addChat(c: EmulatedChat): void {
    const chat = { chat_type: 'group' as const, ...c, members: [...c.members] };
    this.chats.set(c.chat_id, chat);
    const humans = chat.members.filter((m) => m !== this.opts.botOpenId);
    if (chat.chat_type === 'p2p' && humans.length === 1) this.p2pChats.set(humans[0]!, chat.chat_id);
  }

  /** The bot's p2p chat with a user; Lark creates it on first contact, so does the emulator. */
  p2pChatWith(openId: string, chatId?: string): Required<EmulatedChat> {
    const existing = this.p2pChats.get(openId);
    if (existing) return this.chats.get(existing)!;
    const name = this.users.get(openId)?.name ?? openId;
    this.addChat({ chat_id: chatId ?? newChatId(), name, members: [openId], chat_type: 'p2p' });
    return this.chats.get(this.p2pChats.get(openId)!)!;
  }

  hasP2pChat(openId: string): boolean {
    return this.p2pChats.has(openId);
  }

  // --- messages ----------------------------------------------------------------------------------------

  message(id: string): RecordedMessage | undefined {
    return this.byId.get(id);
  }

  record(m: RecordedMessage): void {
    this.messages.push(m);
    this.byId.set(m.message_id, m);
    this.events.emit('message', m);
  }

  addUpdate(messageId: string, via: UpdateVia, content: unknown): void {
    const m = this.byId.get(messageId);
    if (!m) throw new Error(`no message ${messageId}`);
    m.updates.push({ via, at: this.now(), content });
    this.events.emit('update', m);
  }

  currentContent(m: RecordedMessage): unknown {
    return m.updates.length ? m.updates[m.updates.length - 1]!.content : m.content;
  }

  // --- faults ------------------------------------------------------------------------------------------

  addFault(n: number, answer: FaultAnswer, match?: FaultMatch): void {
    if (n > 0) this.faults.push({ remaining: n, answer, match });
  }

  /** Consumes and returns the first injected fault matching this call, if any. */
  takeFault(method: string, path: string): FaultAnswer | undefined {
    const f = this.faults.find((x) => x.remaining > 0 && faultMatches(x.match, method, path));
    if (!f) return undefined;
    f.remaining--;
    if (f.remaining === 0) this.faults.splice(this.faults.indexOf(f), 1);
    return f.answer;
  }
}

const TOKEN_PATH = '/open-apis/auth/';

function faultMatches(m: FaultMatch | undefined, method: string, path: string): boolean {
  if (m?.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m?.pathPrefix) return path.startsWith(m.pathPrefix);
  return !path.startsWith(TOKEN_PATH);
}

/**
 * LarkEmulator: a real HTTP server impersonating Lark's Open API for the subset the bot uses, plus the
 * other direction — delivering events and card callbacks to the bot's webhook the way Lark does. Tests
 * and the browser sandbox drive the bot through it with the real SDK and real HTTP, so nothing about the
 * wire format is mocked away.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { signBody } from '../../lark/crypto.js';
import { buildApiServer } from './api-server.js';
import { postToBot } from './bot-client.js';
import { cardFromCallbackAnswer } from './callback-card.js';
import { buttonLabels, pressCard, type PressTarget } from './card-press.js';
import {
  cardActionEvent,
  legacyCardAction,
  messageEvent,
  textMessageEvent,
  type MessageInput,
  type TextMessageInput,
} from './deliveries.js';
import { EmulatorState } from './emulator-state.js';
import { recordUserMessage } from './user-messages.js';
import { buildEnvelope } from './envelope.js';
import { newCardToken, newEventId, newMessageId, newNonce } from './ids.js';
import { sealDelivery, sealLegacyCardCallback } from './seal-delivery.js';
import type {
  BotAnswer,
  DeliveryOptions,
  EmulatedChat,
  EmulatedUser,
  EmulatorOptions,
  FaultAnswer,
  FaultMatch,
  RecordedCall,
  RecordedFile,
  RecordedMessage,
  RecordedUrgent,
} from './types.js';
import { waitForMessages } from './wait-for-messages.js';

export class LarkEmulator {
  private eventsUrl: string | undefined;
  private cardsUrl: string | undefined;
  private readonly closers = new Set<(why: Error) => void>();

  private constructor(
    private readonly state: EmulatorState,
    private readonly app: FastifyInstance,
    readonly url: string,
  ) {}

  static async start(opts: EmulatorOptions): Promise<LarkEmulator> {
    const state = new EmulatorState(opts);
    const app = buildApiServer(state);
    const host = opts.host ?? '127.0.0.1';
    await app.listen({ host, port: opts.port ?? 0 });
    const { port } = app.server.address() as AddressInfo;
    return new LarkEmulator(state, app, `http://${host}:${port}`);
  }

  get botOpenId(): string {
    return this.state.opts.botOpenId;
  }

  setWebhook(eventsUrl: string, cardsUrl?: string): void {
    this.eventsUrl = eventsUrl;
    this.cardsUrl = cardsUrl;
  }

  // --- directory ---------------------------------------------------------------------------------------

  addUser(u: EmulatedUser): void {
    this.state.addUser(u);
  }

  addChat(c: EmulatedChat): void {
    this.state.addChat(c);
  }

  // --- recordings --------------------------------------------------------------------------------------

  get messages(): RecordedMessage[] {
    return this.state.messages;
  }

  get calls(): RecordedCall[] {
    return this.state.calls;
  }

  get files(): RecordedFile[] {
    return this.state.files;
  }

  get urgents(): RecordedUrgent[] {
    return this.state.urgents;
  }

  /** The private chat between a user and the bot (created on first use, as Lark does). */
  p2pChatOf(openId: string): string {
    return this.state.p2pChatWith(openId).chat_id;
  }

  botMessages(filter: { chat_id?: string; receive_id?: string } = {}): RecordedMessage[] {
    return this.state.messages.filter(
      (m) =>
        m.sender === 'bot' &&
        (filter.chat_id === undefined || m.chat_id === filter.chat_id) &&
        (filter.receive_id === undefined || m.receive_id === filter.receive_id),
    );
  }

  waitForBotMessages(
    count: number,
    opts: { timeoutMs?: number; chat_id?: string } = {},
  ): Promise<RecordedMessage[]> {
    const filter = opts.chat_id === undefined ? {} : { chat_id: opts.chat_id };
    return waitForMessages({
      events: this.state.events,
      current: () => this.botMessages(filter),
      count,
      timeoutMs: opts.timeoutMs ?? 5000,
      what: `bot message(s)${opts.chat_id ? ` in ${opts.chat_id}` : ''}`,
      closers: this.closers,
    });
  }

  cardOf(message_id: string): unknown {
    const m = this.state.message(message_id);
    if (!m) throw new Error(`cardOf: no message ${message_id}`);
    return this.state.currentContent(m);
  }

  // --- faults ------------------------------------------------------------------------------------------

  failNext(n: number, answer: FaultAnswer, match?: FaultMatch): void {
    this.state.addFault(n, answer, match);
  }

  setRateLimit(r: EmulatorOptions['rateLimit']): void {
    this.state.limits.set(r);
  }

  // --- deliveries --------------------------------------------------------------------------------------

  async deliverEvent(
    eventType: string,
    event: Record<string, unknown>,
    opts: DeliveryOptions = {},
  ): Promise<BotAnswer & { event_id: string }> {
    return this.deliverEnvelope(eventType, event, this.state.now(), opts);
  }

  /** A text message from a person (see sendMessage for other kinds). */
  async sendText(
    m: Omit<TextMessageInput, 'message_id'> & { message_id?: string },
    opts: DeliveryOptions = {},
  ): Promise<BotAnswer & { message_id: string; event_id: string }> {
    const message_id = m.message_id ?? newMessageId();
    return this.deliverMessage(textMessageEvent(this.state, { ...m, message_id }), opts);
  }

  /** Any message a person sends (image, file, post, sticker, audio, merge_forward, a reply in a thread …). */
  async sendMessage(
    m: Omit<MessageInput, 'message_id'> & { message_id?: string },
    opts: DeliveryOptions = {},
  ): Promise<BotAnswer & { message_id: string; event_id: string }> {
    const message_id = m.message_id ?? newMessageId();
    return this.deliverMessage(messageEvent(this.state, { ...m, message_id }), opts);
  }

  private async deliverMessage(
    event: Record<string, unknown>,
    opts: DeliveryOptions,
  ): Promise<BotAnswer & { message_id: string; event_id: string }> {
    const message_id = recordUserMessage(this.state, event);
    const answer = await this.deliverEnvelope('im.message.receive_v1', event, this.state.now(), opts);
    return { ...answer, message_id };
  }

  async clickButton(
    c: {
      message_id: string;
      operator_open_id: string;
      value: Record<string, unknown>;
      form_value?: Record<string, string | string[]>;
      input_value?: string;
      tag?: string;
      name?: string;
    },
    opts: DeliveryOptions = {},
  ): Promise<BotAnswer & { event_id: string }> {
    const m = this.clickable(c.message_id, 'clickButton');
    const token = this.issueCardToken(m.message_id);
    const event = cardActionEvent(this.state, { ...c, chat_id: m.chat_id, token });
    // Card callbacks carry create_time in microseconds, unlike events.
    const answer = await this.deliverEnvelope('card.action.trigger', event, this.state.now() * 1000, opts);
    this.applyCallbackCard(m, answer, false);
    return answer;
  }

  /**
   * A person presses a button of the card as it stands now (after any in-place updates), filling the form it
   * submits: the callback carries the card's own value and field names (see card-press.ts).
   */
  async press(
    c: { message_id: string; operator_open_id: string } & PressTarget,
    opts: DeliveryOptions = {},
  ): Promise<BotAnswer & { event_id: string }> {
    const pressed = pressCard(this.cardOf(c.message_id), c);
    return this.clickButton(
      {
        message_id: c.message_id,
        operator_open_id: c.operator_open_id,
        value: pressed.value,
        ...(pressed.form_value !== undefined && { form_value: pressed.form_value }),
        ...(pressed.name !== undefined && { name: pressed.name }),
      },
      opts,
    );
  }

  /** The labels of the buttons a person sees on the card now. */
  buttonsOf(message_id: string): string[] {
    return buttonLabels(this.cardOf(message_id));
  }

  async clickLegacyButton(
    c: { message_id: string; operator_open_id: string; value: Record<string, unknown> },
    o: Pick<DeliveryOptions, 'sign' | 'forgeSignature'> = {},
  ): Promise<BotAnswer> {
    if (!this.cardsUrl) throw new Error('clickLegacyButton: no cardsUrl; pass it to setWebhook()');
    const m = this.clickable(c.message_id, 'clickLegacyButton');
    const token = this.issueCardToken(m.message_id);
    const body = legacyCardAction(this.state, { ...c, chat_id: m.chat_id, token });
    const sealed = sealLegacyCardCallback(body, {
      verificationToken: this.state.opts.verificationToken,
      timestamp: this.nowSeconds(),
    });
    const headers = o.sign === false ? {} : sealed.headers;
    // A forgery: signed as Lark would, but with a token nobody configured.
    if (o.forgeSignature) {
      Object.assign(
        headers,
        sealLegacyCardCallback(body, { verificationToken: 'forged', timestamp: this.nowSeconds() }).headers,
      );
    }
    const answer = await postToBot(this.cardsUrl, sealed.body, {
      'content-type': 'application/json',
      ...headers,
    });
    this.applyCallbackCard(m, answer, true);
    return answer;
  }

  /** The URL check; never signed, because Lark does not sign it. */
  async challenge(
    opts: { encrypt?: boolean; token?: string } = {},
  ): Promise<BotAnswer & { challenge: string }> {
    const challenge = randomUUID();
    const body = {
      challenge,
      token: opts.token ?? this.state.opts.verificationToken,
      type: 'url_verification',
    };
    const sealed = sealDelivery(body, {
      encrypt: opts.encrypt ?? this.state.opts.encryptKey !== undefined,
      sign: false,
      timestamp: this.nowSeconds(),
      ...(this.state.opts.encryptKey !== undefined && { encryptKey: this.state.opts.encryptKey }),
    });
    return { ...(await postToBot(this.webhook(), sealed.body, sealed.headers)), challenge };
  }

  async postRaw(
    path: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ): Promise<BotAnswer> {
    const url = new URL(path, new URL(this.webhook()).origin).toString();
    const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
    return postToBot(url, body, hasType ? headers : { 'content-type': 'application/json', ...headers });
  }

  async close(): Promise<void> {
    for (const reject of [...this.closers]) reject(new Error('LarkEmulator closed'));
    await this.app.close();
  }

  // --- internals ---------------------------------------------------------------------------------------

  private nowSeconds(): number {
    return Math.floor(this.state.now() / 1000);
  }

  private webhook(): string {
    if (!this.eventsUrl) throw new Error('LarkEmulator: no webhook; call setWebhook() first');
    return this.eventsUrl;
  }

  private clickable(messageId: string, who: string): RecordedMessage {
    const m = this.state.message(messageId);
    if (!m) throw new Error(`${who}: no message ${messageId}`);
    if (m.msg_type !== 'interactive') throw new Error(`${who}: message ${messageId} is not a card`);
    return m;
  }

  private issueCardToken(messageId: string): string {
    const token = newCardToken();
    this.state.cardTokens.set(token, { message_id: messageId, issuedAt: this.state.now(), uses: 0 });
    return token;
  }

  private async deliverEnvelope(
    eventType: string,
    event: Record<string, unknown>,
    createTime: number,
    o: DeliveryOptions,
  ): Promise<BotAnswer & { event_id: string }> {
    const { opts } = this.state;
    const event_id = o.eventId ?? newEventId();
    o.reshape?.(event);
    const envelope = buildEnvelope(eventType, event, {
      appId: o.appId ?? opts.appId,
      token: o.token ?? opts.verificationToken,
      eventId: event_id,
      createTimeMs: createTime,
      tenantKey: opts.tenantKey,
    });
    const sealed = sealDelivery(envelope, {
      encrypt: o.encrypt ?? opts.encryptKey !== undefined,
      sign: o.sign ?? opts.encryptKey !== undefined,
      timestamp: o.timestamp ?? this.nowSeconds(),
      ...(opts.encryptKey !== undefined && { encryptKey: opts.encryptKey }),
    });
    if (o.forgeSignature) {
      const h = sealed.headers;
      h['x-lark-request-timestamp'] ??= String(o.timestamp ?? this.nowSeconds());
      h['x-lark-request-nonce'] ??= newNonce();
      // Signed with a key nobody configured: well-formed, but never valid.
      h['x-lark-signature'] = signBody(
        h['x-lark-request-timestamp'],
        h['x-lark-request-nonce'],
        'forged',
        sealed.body,
      );
    }
    return { ...(await postToBot(this.webhook(), sealed.body, sealed.headers, o.timeoutMs)), event_id };
  }

  private applyCallbackCard(m: RecordedMessage, answer: BotAnswer, legacy: boolean): void {
    const card = cardFromCallbackAnswer(this.state.currentContent(m), answer, legacy);
    if (card !== undefined) this.state.addUpdate(m.message_id, 'callback_response', card);
  }
}

/**
 * Routes an event or a card click to the modules that registered for it. Registration is checked when the
 * app is built: an unknown event type or a card action claimed twice stops start-up, not a 3 a.m. delivery.
 */
import { EVENT_SCHEMAS, type CardActionEvent, type KnownEventType } from '../lark/events.js';
import { isDuplicateKey } from '../errors.js';
import type {
  ActionDefinition,
  BotModule,
  CardReply,
  EventHandler,
  HandlerContext,
  Toast,
} from './module.js';

/** The event body does not match its schema: retrying cannot help. */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

/** Which handler of which event has succeeded (see dispatchEvent); pruned with the dead letters. */
export const HANDLER_RUNS = 'handler_runs';

type AnyEventHandler = EventHandler<KnownEventType>;

const STALE_BUTTON: Toast = {
  type: 'warning',
  content: '这个按钮已失效，请重新打开最新的卡片',
  en: 'This button is no longer active.',
};
const FORM_INCOMPLETE: Toast = {
  type: 'warning',
  content: '请把表单填写完整后再提交',
  en: 'Please complete the form first.',
};

export class Dispatcher {
  private readonly events = new Map<string, Array<{ module: string; handler: AnyEventHandler }>>();
  private readonly actions = new Map<string, { module: string; def: ActionDefinition<unknown, unknown> }>();

  constructor(modules: readonly BotModule[]) {
    const commandWords = new Map<string, string>();
    for (const m of modules) {
      for (const [type, handler] of Object.entries(m.events ?? {})) {
        if (!(type in EVENT_SCHEMAS))
          throw new Error(`module ${m.name} registers unknown event type ${type}`);
        const list = this.events.get(type) ?? [];
        list.push({ module: m.name, handler: handler as AnyEventHandler });
        this.events.set(type, list);
      }
      for (const [name, def] of Object.entries(m.actions ?? {})) {
        const owner = this.actions.get(name);
        if (owner) throw new Error(`card action ${name} is registered by both ${owner.module} and ${m.name}`);
        this.actions.set(name, { module: m.name, def });
      }
      for (const c of m.commands ?? []) {
        for (const w of c.words) {
          const key = w.toLowerCase();
          const owner = commandWords.get(key);
          if (owner)
            throw new Error(`command word "${w}" is claimed by both ${owner} and ${m.name}.${c.name}`);
          commandWords.set(key, `${m.name}.${c.name}`);
        }
      }
    }
  }

  handles(eventType: string): boolean {
    return this.events.has(eventType);
  }

  /** Every card action and the module that owns it (the resilience suite covers each one). */
  registeredActions(): Array<{ action: string; module: string }> {
    return [...this.actions].map(([action, { module }]) => ({ action, module }));
  }

  /** Every event type some module handles. */
  registeredEvents(): string[] {
    return [...this.events.keys()];
  }

  /**
   * Runs every handler of the event type; all run even if one fails, and the failures are reported together.
   * When several handlers share an event, each success is recorded (`handler_runs`, keyed
   * `<eventId>:<module>`), so a retry or a replay runs only the handlers that have not succeeded yet: one
   * module's failure never makes another do its work twice. All reads and writes are by `_id`.
   */
  async dispatchEvent(
    base: HandlerContext,
    eventType: string,
    body: unknown,
    opts: { retry?: boolean } = {},
  ): Promise<void> {
    const handlers = this.events.get(eventType);
    if (!handlers) {
      base.log.debug({ eventType }, 'no module handles this event type; ignored');
      return;
    }
    const parsed = EVENT_SCHEMAS[eventType as KnownEventType].safeParse(body);
    if (!parsed.success) {
      throw new InvalidEventError(
        `${eventType} body does not match its schema: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    }
    const runs = base.conn.db!.collection<{ _id: string; at: Date }>(HANDLER_RUNS);
    const track = handlers.length > 1 || opts.retry === true;
    const results = await Promise.allSettled(
      handlers.map(async ({ module, handler }) => {
        const key = `${base.eventId}:${module}`;
        if (opts.retry && (await runs.findOne({ _id: key }))) {
          base.log.debug({ module }, 'handler already succeeded for this event; not run again');
          return;
        }
        await handler({
          ...base,
          log: base.log.child({ module }),
          eventType: eventType as KnownEventType,
          event: parsed.data as never,
        });
        if (track) {
          await runs.insertOne({ _id: key, at: base.clock.now() }).catch((err: unknown) => {
            if (!isDuplicateKey(err)) throw err;
          });
        }
      }),
    );
    const failures = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ module: handlers[i]!.module, reason: r.reason as unknown }] : [],
    );
    if (failures.length > 0) {
      for (const f of failures) base.log.error({ module: f.module, err: f.reason }, 'event handler failed');
      throw new AggregateError(
        failures.map((f) => f.reason),
        `${failures.length} handler(s) failed for ${eventType}`,
      );
    }
  }

  async dispatchAction(base: HandlerContext, event: CardActionEvent): Promise<CardReply> {
    const value = event.action.value;
    const name = typeof value.action === 'string' ? value.action : undefined;
    const entry = name ? this.actions.get(name) : undefined;
    if (!name || !entry) {
      base.log.warn({ action: name }, 'card action has no handler');
      return { toast: STALE_BUTTON };
    }
    const log = base.log.child({ module: entry.module, action: name });
    const { def } = entry;
    const parsedValue = def.value.safeParse(value);
    const parsedForm = def.form ? def.form.safeParse(event.action.form_value ?? {}) : undefined;
    if (!parsedValue.success || (parsedForm && !parsedForm.success)) {
      const issues = [
        ...(parsedValue.success ? [] : parsedValue.error.issues.map((i) => `value.${i.path.join('.')}`)),
        ...(parsedForm && !parsedForm.success
          ? parsedForm.error.issues.map((i) => `form.${i.path.join('.')}`)
          : []),
      ];
      // Logged by field name only: form fields hold what people typed.
      log.warn({ issues }, 'card action payload does not match its schema; nothing done');
      return { toast: parsedValue.success ? (def.formError ?? FORM_INCOMPLETE) : STALE_BUTTON };
    }
    const reply = await def.run({
      ...base,
      log,
      action: name,
      value: parsedValue.data,
      formValue: parsedForm ? parsedForm.data : {},
      inputValue: event.action.input_value,
      option: event.action.option,
      operatorOpenId: event.operator.open_id,
      messageId: event.context?.open_message_id,
      chatId: event.context?.open_chat_id,
    });
    // A refusal (no role, someone else's record, a second vote, a stale card) says why in its toast; the
    // log keeps who was refused what, so a tampered or mistaken click can be found afterwards.
    const toast = reply.toast;
    if (toast && (toast.type === 'warning' || toast.type === 'error')) {
      log.info({ operator: event.operator.open_id, refusal: toast.content }, 'card action refused');
    }
    return reply;
  }
}

/**
 * What an operator scrapes at `GET /metrics` (Prometheus text format, prom-client). One registry per bot,
 * not prom-client's global one, so several bots in one process (tests, a restart) do not collide.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type DeliveryOutcome = 'accepted' | 'duplicate' | 'rejected' | 'unavailable' | 'failed';
export type SendResult = 'sent' | 'rate_limited' | 'retry' | 'failed';

export class BotMetrics {
  readonly registry = new Registry();

  readonly deliveries = new Counter({
    name: 'lark_deliveries_total',
    help: 'HTTP deliveries from Lark (events and card callbacks), by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'inbox_dead_letters_total',
    help: 'Acknowledged events that could not be handled and were dead-lettered, by event type',
    labelNames: ['event_type'] as const,
    registers: [this.registry],
  });

  readonly sends = new Counter({
    name: 'lark_sends_total',
    help: 'Outbox attempts to send or update a message, by result',
    labelNames: ['op', 'result'] as const,
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'schedule_job_runs_total',
    help: 'Scheduled job runs, by job and outcome (done, failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly handledLatency = new Histogram({
    name: 'inbox_event_handled_seconds',
    help: "From Lark's event create_time to the event being handled",
    labelNames: ['kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 3600],
    registers: [this.registry],
  });

  /** Gauges read at scrape time (they count documents, so they cost nothing between scrapes). */
  depthGauges(read: { inbox(): Promise<number>; outbox(): Promise<number>; dead(): Promise<number> }): void {
    const gauge = (name: string, help: string, value: () => Promise<number>) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          this.set(await value().catch(() => Number.NaN));
        },
      });
    gauge('inbox_depth', 'Events waiting to be handled (active or awaiting a retry)', read.inbox);
    gauge('outbox_depth', 'Messages waiting to be sent (active or awaiting a retry)', read.outbox);
    gauge('inbox_dead_letters', 'Dead letters kept and not yet replayed successfully', read.dead);
  }
}

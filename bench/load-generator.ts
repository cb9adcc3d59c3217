/**
 * Load generator, run as a child process of bench/webhook.bench.ts so it does not share the server's event
 * loop. Bodies are sealed (encrypted + signed) before the clock starts. Two modes:
 *   rate: open loop, `rate` requests/s for `seconds` — latency at a fixed offered load;
 *   max:  closed loop, `concurrency` requests in flight for `seconds` — the most it can take.
 */
import { Agent, request } from 'node:http';
import { sealDelivery, buildEnvelope } from '../src/sandbox/emulator/index.js';

export interface LoadJob {
  url: string;
  mode: 'rate' | 'max';
  rate: number;
  concurrency: number;
  seconds: number;
  encryptKey: string;
  appId: string;
  verificationToken: string;
  idPrefix: string;
}

export interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  latenciesMs: number[];
}

function sealedBodies(job: LoadJob, n: number): Array<{ body: string; headers: Record<string, string> }> {
  const ts = Math.floor(Date.now() / 1000);
  return Array.from({ length: n }, (_, i) => {
    // A group message that does not mention the bot: verified, stored, dispatched and done, no reply.
    const event = {
      sender: { sender_id: { open_id: `ou_bench${String(i % 50).padStart(26, '0')}` }, sender_type: 'user' },
      message: {
        message_id: `om_${job.idPrefix}${i}`,
        chat_id: 'oc_bench_group',
        chat_type: 'group',
        message_type: 'text',
        content: JSON.stringify({ text: `第${i}条：本月记实已提交` }),
      },
    };
    const envelope = buildEnvelope('im.message.receive_v1', event, {
      appId: job.appId,
      token: job.verificationToken,
      eventId: `ev_${job.idPrefix}_${i}`,
      createTimeMs: Date.now(),
    });
    return sealDelivery(envelope, { encryptKey: job.encryptKey, encrypt: true, sign: true, timestamp: ts });
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const total = job.mode === 'rate' ? Math.ceil(job.rate * job.seconds) : Math.ceil(job.seconds * 6000);
  const bodies = sealedBodies(job, total);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(job.url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let ok = 0;
  let errors = 0;

  const fire = (i: number) =>
    new Promise<void>((done) => {
      const { body, headers } = bodies[i]!;
      const t0 = performance.now();
      sent++;
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            if (res.statusCode === 200) ok++;
            else errors++;
            done();
          });
        },
      );
      // A request unanswered after 10 s counts as an error (Lark gives up after 3 s).
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        statuses.timeout = (statuses.timeout ?? 0) + 1;
        done();
      });
      req.end(body);
    });

  const start = performance.now();
  const inflight: Promise<void>[] = [];
  if (job.mode === 'rate') {
    // Open loop: request i leaves at start + i/rate, whether or not earlier ones have answered.
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / job.rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inflight.push(fire(i));
    }
    await Promise.all(inflight);
  } else {
    let next = 0;
    const stopAt = start + job.seconds * 1000;
    const worker = async () => {
      while (performance.now() < stopAt && next < total) await fire(next++);
    };
    await Promise.all(Array.from({ length: job.concurrency }, worker));
  }
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return { sent, ok, errors, statuses, elapsedMs, latenciesMs: latencies };
}

process.on('message', (job: LoadJob) => {
  void run(job).then((r) => {
    // Exit only once the result has left: a large IPC message is sent asynchronously.
    process.send!(r, () => process.exit(0));
  });
});

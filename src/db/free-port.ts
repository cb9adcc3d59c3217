/** Ports and readiness for the database servers the provisioner starts on 127.0.0.1. */
import type { ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A loopback port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

/** Resolves once `port` accepts TCP connections; rejects if the process exits first or after 30 s. */
export async function waitForPort(
  port: number,
  child: ChildProcess,
  name: string,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr()}`);
    const open = await new Promise<boolean>((done) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), done(true)));
      s.once('error', () => done(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${name} did not listen on ${port} within 30 s: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

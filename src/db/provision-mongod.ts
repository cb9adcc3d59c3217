/** Step 2 of the provisioner: a real `mongod` through mongodb-memory-server, when one can be had. */
import { lookup } from 'node:dns/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { ProvisionedDatabase } from './provision.js';

export async function tryMongod(
  persistDir: string | undefined,
  log: (l: string) => void,
): Promise<ProvisionedDatabase | undefined> {
  const binary = findMongodBinary();
  if (!binary && !(await canDownloadMongod())) {
    log('no mongod binary here and its download host is unreachable: using FerretDB');
    return undefined;
  }
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server');
    if (persistDir) mkdirSync(resolve(persistDir, 'mongod'), { recursive: true });
    const server = await MongoMemoryServer.create({
      binary: binary ? { systemBinary: binary } : {},
      instance: persistDir ? { dbPath: resolve(persistDir, 'mongod'), storageEngine: 'wiredTiger' } : {},
    });
    const version = binary ? ` (${binary})` : '';
    return {
      uri: server.getUri(),
      engine: 'mongod',
      description: `mongod via mongodb-memory-server${version}, ${persistDir ? `data in ${persistDir}` : 'in memory'}`,
      stop: async () => void (await server.stop({ doCleanup: !persistDir, force: false })),
      suspend: async () => void (await server.stop({ doCleanup: false })),
      resume: async () => void (await server.start(true)),
    };
  } catch (err) {
    log(`mongod could not start (${(err as Error).message.split('\n')[0]}): using FerretDB`);
    return undefined;
  }
}

function findMongodBinary(): string | undefined {
  const explicit = process.env.MONGOMS_SYSTEM_BINARY;
  if (explicit && existsSync(explicit)) return explicit;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'mongod');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function canDownloadMongod(): Promise<boolean> {
  if (process.env.MONGOMS_DISABLE_DOWNLOAD) return false;
  try {
    await lookup('fastdl.mongodb.org');
    return true;
  } catch {
    return false;
  }
}

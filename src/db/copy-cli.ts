/**
 * `npm run db:copy -- --from SOURCE --to TARGET`: copies every collection and its indexes (src/db/copy-database.ts),
 * resumably, and prints per collection the counts that verify it. Exits 1 when a count differs.
 *
 * SOURCE and TARGET are MongoDB URIs (the path names the database, default `yinuo`), or `sqlite:DATA_DIR` /
 * `postgres:DATA_DIR` for the bot's own FerretDB over that folder's SQLite data or PostgreSQL cluster,
 * started here for the copy (stop the bot first: one process per data folder).
 */
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { databaseName } from './connection.js';
import { copyDatabase } from './copy-database.js';
import { provisionDatabase, redactUri } from './provision.js';

interface Endpoint {
  uri: string;
  dbName: string;
  label: string;
  close(): Promise<void>;
}

async function openEndpoint(spec: string): Promise<Endpoint> {
  const own = /^(sqlite|postgres):(.+)$/.exec(spec);
  if (own) {
    const engine = own[1] === 'sqlite' ? 'ferretdb-sqlite' : 'ferretdb-postgresql';
    const db = await provisionDatabase({ engine, persistDir: own[2] });
    return { uri: db.uri, dbName: 'yinuo', label: db.description, close: () => db.stop() };
  }
  if (!/^mongodb(\+srv)?:\/\//.test(spec)) {
    throw new Error(
      `"${redactUri(spec)}" is neither a mongodb:// URI nor sqlite:DATA_DIR / postgres:DATA_DIR`,
    );
  }
  return { uri: spec, dbName: databaseName(spec), label: redactUri(spec), close: async () => {} };
}

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
if (!values.from || !values.to) {
  console.error(
    'usage: npm run db:copy -- --from SOURCE --to TARGET  (mongodb:// URIs, or sqlite:DIR / postgres:DIR)',
  );
  process.exit(2);
}
if (values.from === values.to) {
  console.error('db:copy: --from and --to name the same database');
  process.exit(2);
}

const opened: Endpoint[] = [];
const clients: MongoClient[] = [];
let exitCode = 0;
try {
  const source = await openEndpoint(values.from);
  opened.push(source);
  const target = await openEndpoint(values.to);
  opened.push(target);
  console.log(
    `copying database ${source.dbName} from ${source.label}\n  to database ${target.dbName} on ${target.label}`,
  );
  for (const e of [source, target])
    clients.push(await MongoClient.connect(e.uri, { serverSelectionTimeoutMS: 5000 }));
  const [from, to] = clients.map((c, i) => c.db(opened[i]!.dbName)) as [
    ReturnType<MongoClient['db']>,
    ReturnType<MongoClient['db']>,
  ];
  const results = await copyDatabase(from, to, { log: (line) => console.log(`  ${line}`) });
  const bad = results.filter((r) => !r.ok);
  if (bad.length > 0) {
    exitCode = 1;
    console.error(`db:copy: counts differ for ${bad.map((r) => r.name).join(', ')}; run it again to resume`);
  } else {
    console.log(`db:copy: ${results.length} collections copied and verified by counts`);
  }
} catch (err) {
  exitCode = 1;
  console.error(`db:copy failed: ${(err as Error).message}`);
} finally {
  for (const c of clients) await c.close();
  for (const e of opened.reverse()) await e.close();
}
process.exit(exitCode);

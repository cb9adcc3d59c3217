/**
 * One mongoose connection per app instance. Commands are never buffered: when the database is away a write
 * fails within `serverSelectionTimeoutMS`, so the webhook can answer 503 and Lark retries, instead of holding
 * the request past Lark's 3 s deadline.
 */
import mongoose, { type Connection } from 'mongoose';

/** The database named in the URI's path (`mongodb://host/yinuo_prod`), else `yinuo`. */
export function databaseName(uri: string): string {
  const m = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?/]+)/.exec(uri);
  return m?.[1] ? decodeURIComponent(m[1]) : 'yinuo';
}

export interface ConnectOptions {
  dbName: string;
  serverSelectionTimeoutMS?: number;
}

export async function connectDatabase(uri: string, opts: ConnectOptions): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    dbName: opts.dbName,
    bufferCommands: false,
    autoIndex: false, // indexes belong to migrations/, where they are reviewed and tested
    autoCreate: false,
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 1500,
    // A server that accepted a request but never answers must not hold it forever (the longest queries,
    // the hourly retention scans, take about a second on FerretDB).
    socketTimeoutMS: 30_000,
    connectTimeoutMS: 5_000,
    maxPoolSize: 20,
  });
  await conn.asPromise();
  return conn;
}

/** True when the server answers a ping within `timeoutMs`. */
export async function pingDatabase(conn: Connection, timeoutMs = 1000): Promise<boolean> {
  const db = conn.db;
  if (!db) return false;
  try {
    await db.admin().command({ ping: 1 }, { timeoutMS: timeoutMs });
    return true;
  } catch {
    return false;
  }
}

/**
 * Mongoose models are bound to the app's own connection (tests open one per file), never to the global
 * mongoose instance. Repositories call `modelOn(conn, name, schema)`; it returns the model registered on that
 * connection, creating it the first time.
 */
import type { Connection, Model, Schema } from 'mongoose';

export function modelOn<T>(conn: Connection, name: string, schema: Schema<T>): Model<T> {
  return (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema);
}

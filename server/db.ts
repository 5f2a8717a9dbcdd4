import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';

/**
 * The server's one way to PostgreSQL, with two backends behind it: a real PostgreSQL through `pg`
 * (DATABASE_URL; several server instances may share it) and the embedded PGlite (a data folder, one
 * process). Both speak the same SQL with `$1` parameters; LISTEN/NOTIFY works on both.
 *
 * Why not pglite-socket, so that `pg` alone would talk to both? Its multiplexer runs every
 * connection on PGlite's single session: a notification goes to whichever connection's query is
 * running when it is sent (a LISTEN on one connection misses NOTIFYs made on another), and the
 * statements of an extended-protocol query from two connections can interleave. PGlite's own API
 * has neither problem: `transaction` holds the session for its callback, and `listen` delivers
 * every notification. So the server talks to PGlite directly behind this small interface.
 */
export interface Queryable {
  query<R = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<{ rows: R[]; rowCount: number }>;
}

/** A transaction's connection: queries, and several statements at once (migrations). */
export interface Tx extends Queryable {
  exec(text: string): Promise<void>;
}

export interface Sql extends Queryable {
  readonly backend: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Calls `onPayload` for every NOTIFY on `channel`; resolves once listening. Returns the way to stop. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** bigint columns (sequences, sizes) come back as numbers on both backends; they stay below 2^53. */
const INT8 = 20;

class PgSql implements Sql {
  readonly backend = 'postgres' as const;
  private readonly pool: pg.Pool;
  private listener: pg.Client | null = null;
  private listenerReady: Promise<pg.Client> | null = null;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private closed = false;

  constructor(
    private readonly url: string,
    max: number,
  ) {
    const typeParsers = {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    };
    this.pool = new pg.Pool({ connectionString: url, max, types: typeParsers });
    // An idle client's error (the database restarted) must not end the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async query<R>(text: string, params: readonly unknown[] = []): Promise<{ rows: R[]; rowCount: number }> {
    const res = await this.pool.query(text, params as unknown[]);
    return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection lost mid-transaction fails its query; the event must not end the process.
    const onError = () => undefined;
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const tx: Tx = {
        query: async <R>(text: string, params: readonly unknown[] = []) => {
          const res = await client.query(text, params as unknown[]);
          return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
        },
        exec: async (text: string) => {
          await client.query(text);
        },
      };
      const out = await fn(tx);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', onError);
      client.release();
    }
  }

  /** One connection LISTENs for every channel of this instance; it reconnects after a failure. */
  private connectListener(): Promise<pg.Client> {
    this.listenerReady ??= (async () => {
      for (let attempt = 0; ; attempt++) {
        const client = new pg.Client({ connectionString: this.url });
        try {
          await client.connect();
          client.on('notification', (msg) => {
            for (const h of this.handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
          });
          client.on('error', () => {
            if (this.listener !== client) return;
            this.listener = null;
            this.listenerReady = null;
            client.end().catch(() => undefined);
            if (!this.closed) void this.connectListener().catch(() => undefined);
          });
          for (const channel of this.handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          this.listener = client;
          return client;
        } catch (err) {
          await client.end().catch(() => undefined);
          if (this.closed || attempt >= 5) throw err;
          await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
        }
      }
    })();
    return this.listenerReady;
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(onPayload);
    const client = await this.connectListener();
    if (first) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return async () => {
      set.delete(onPayload);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}

class PgliteSql implements Sql {
  readonly backend = 'pglite' as const;
  constructor(private readonly db: PGlite) {}

  async query<R>(text: string, params: readonly unknown[] = []): Promise<{ rows: R[]; rowCount: number }> {
    const res = await this.db.query<R>(text, params as unknown[]);
    return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(async (t) =>
      fn({
        query: async <R>(text: string, params: readonly unknown[] = []) => {
          const res = await t.query<R>(text, params as unknown[]);
          return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
        },
        exec: async (text: string) => {
          await t.exec(text);
        },
      }),
    );
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    return this.db.listen(channel, onPayload);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** A real PostgreSQL (15 or newer). `max`: pooled connections of this instance. */
export function connectPostgres(url: string, max = 10): Sql {
  return new PgSql(url, max);
}

/** The embedded PostgreSQL with its data in `dataDir` (made if missing); in memory without one. */
export async function openPglite(dataDir?: string): Promise<Sql> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [pgliteTypes.INT8]: (v: string) => Number(v) },
  });
  return new PgliteSql(db);
}

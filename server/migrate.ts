import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './db';

/**
 * Schema migrations: the numbered SQL files in server/migrations/, each applied once, in order, in
 * one transaction, under an advisory lock (two instances starting at once: the second waits, then
 * finds them applied). A file's checksum is kept; a file edited after it was applied stops the
 * server. A dozen lines rather than a library: the migration libraries for `pg` (node-pg-migrate,
 * postgres-migrations) take a `pg` client, which PGlite is not, and Kysely's Migrator would bring a
 * query builder the server does not use plus a third-party PGlite dialect.
 */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** An arbitrary constant: the advisory lock key of migrations. */
const LOCK_KEY = 21_2026_11;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

/** Applies what is missing; returns the names applied now. */
export async function migrate(sql: Sql, migrations = readMigrations()): Promise<string[]> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await tx.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const applied = new Map(rows.map((r) => [r.version, r]));
    const done: string[] = [];
    for (const m of migrations) {
      const before = applied.get(m.version);
      if (before) {
        if (before.checksum !== checksum(m.sql))
          throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        checksum(m.sql),
      ]);
      done.push(m.name);
    }
    const known = new Set(migrations.map((m) => m.version));
    const newer = rows.filter((r) => !known.has(r.version));
    if (newer.length)
      throw new Error(
        `the database has migrations this server does not know (${newer.map((r) => r.name).join(', ')}): run a newer server`,
      );
    return done;
  });
}

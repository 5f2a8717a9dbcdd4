import Dexie from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findBuyerRecord, profileOf } from './buyers';
import { HuitoukeDb } from './database';
import { CURRENT_VERSION, SCHEMA_VERSIONS } from './schema-versions';
import { loadAppSettings } from './settings';

const DIR = fileURLToPath(new URL('../../tests/fixtures/db/', import.meta.url));
const saved = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(DIR + f, 'utf8')) as { version: number; tables: Record<string, Array<Record<string, unknown>>> });

describe('database upgrades', () => {
  it('has a saved database for every earlier schema version', () => {
    const earlier = SCHEMA_VERSIONS.filter((v) => v.version < CURRENT_VERSION).map((v) => v.version);
    expect(saved.map((s) => s.version).sort()).toEqual(expect.arrayContaining(earlier));
  });

  for (const fixture of saved) {
    it(`opens a version ${fixture.version} database with today's code and keeps every record`, async () => {
      const name = `upgrade-v${fixture.version}-${Math.random().toString(36).slice(2)}`;
      const old = new Dexie(name);
      for (const v of SCHEMA_VERSIONS.filter((s) => s.version <= fixture.version)) old.version(v.version).stores(v.stores);
      await old.open();
      for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd(rows);
      old.close();

      const db = new HuitoukeDb(name);
      await db.open();
      expect(db.verno).toBe(CURRENT_VERSION);
      for (const [table, rows] of Object.entries(fixture.tables)) {
        const now = await db.table(table).toArray();
        expect(now.length, table).toBe(rows.length);
        // Same records, field by field, apart from what an upgrade is documented to add.
        const key = table === 'settings' ? 'key' : 'id';
        const byKey = new Map(now.map((r: Record<string, unknown>) => [r[key], r]));
        for (const before of rows) {
          const after = byKey.get(before[key]) as Record<string, unknown>;
          expect(after, `${table} ${String(before[key])}`).toBeDefined();
          for (const [field, value] of Object.entries(before)) expect(after[field], `${table}.${field}`).toEqual(value);
        }
      }
      // Every synced record can be found by change time (the version 2 index and backfill).
      for (const table of ['notes', 'tags', 'concerns', 'templates', 'reminders', 'contactLog']) {
        const total = await db.table(table).count();
        expect(await db.table(table).where('updatedAt').aboveOrEqual(0).count(), table).toBe(total);
      }
      // And the app still reads it: the imported buyer has a profile.
      const buyer = fixture.tables.buyers![0] as { platform: 'taobao'; nick: string };
      const record = await findBuyerRecord(db, buyer.platform, null, buyer.nick);
      expect(record?.nick).toBe(buyer.nick);
      const profile = await profileOf(db, record!, await loadAppSettings(db), '2025-10-20');
      expect(profile.metrics.paidOrders).toBe(record!.metrics.paidOrders);
      db.close();
    });
  }
});

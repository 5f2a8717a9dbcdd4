import Dexie from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBuyer } from './buyer-codec';
import { shardIdOf, type BuyerShard } from './buyer-shards';
import { countBuyers, getBuyer } from './buyer-store';
import { findBuyerRecord, profileOf } from './buyers';
import { HuitoukeDb } from './database';
import { Lexicon, type LexiconChunk } from './lexicon';
import { CURRENT_VERSION, SCHEMA_VERSIONS } from './schema-versions';
import type { BuyerRecord } from './records';
import { loadAppSettings, SETTINGS_KEY } from './settings';

const DIR = fileURLToPath(new URL('../../tests/fixtures/db/', import.meta.url));
const saved = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map(
    (f) =>
      JSON.parse(readFileSync(DIR + f, 'utf8')) as {
        version: number;
        tables: Record<string, Array<Record<string, unknown>>>;
      },
  );

describe('database upgrades', () => {
  it('has a saved database for every earlier schema version', () => {
    const earlier = SCHEMA_VERSIONS.filter((v) => v.version < CURRENT_VERSION).map((v) => v.version);
    expect(saved.map((s) => s.version).sort()).toEqual(expect.arrayContaining(earlier));
  });

  for (const fixture of saved) {
    it(`opens a version ${fixture.version} database with today's code and keeps every record`, async () => {
      const name = `upgrade-v${fixture.version}-${Math.random().toString(36).slice(2)}`;
      const old = new Dexie(name);
      for (const v of SCHEMA_VERSIONS.filter((s) => s.version <= fixture.version))
        old.version(v.version).stores(v.stores);
      await old.open();
      for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd(rows);
      old.close();

      const db = new HuitoukeDb(name);
      await db.open();
      expect(db.verno).toBe(CURRENT_VERSION);
      for (const [table, rows] of Object.entries(fixture.tables)) {
        // Buyers moved into shards in version 3 (checked below); their old table is gone.
        if (table === 'buyers') continue;
        const now = await db.table(table).toArray();
        // Version 3 adds the buyer count it worked out while moving buyers.
        const added = table === 'settings' && !rows.some((r) => r.key === SETTINGS_KEY.buyerCount) ? 1 : 0;
        expect(now.length, table).toBe(rows.length + added);
        // Same records, field by field, apart from what an upgrade is documented to add.
        const key = table === 'settings' ? 'key' : 'id';
        const byKey = new Map(now.map((r: Record<string, unknown>) => [r[key], r]));
        for (const before of rows) {
          const after = byKey.get(before[key]) as Record<string, unknown>;
          expect(after, `${table} ${String(before[key])}`).toBeDefined();
          for (const [field, value] of Object.entries(before)) expect(after[field], `${table}.${field}`).toEqual(value);
        }
      }
      // Every buyer came through the move into shards whole, in the shard its key names.
      expect(db.tables.some((t) => t.name === 'buyers')).toBe(false);
      // Saved before version 3: the buyers table; from version 3 on: the shards' encoded buyers.
      // From version 5 on, docs name repeated texts by their number in the saved lexicon.
      const lexicon = Lexicon.of((fixture.tables.lexicon ?? []) as unknown as LexiconChunk[], () => 'none');
      const buyers =
        fixture.version < 3
          ? ((fixture.tables.buyers ?? []) as unknown as BuyerRecord[])
          : ((fixture.tables.buyerShards ?? []) as unknown as BuyerShard[]).flatMap((s) =>
              s.docs.map((doc, i) => decodeBuyer(doc, s.keys[i]!, lexicon)),
            );
      expect(buyers.length).toBeGreaterThan(0);
      for (const before of buyers) {
        expect(await getBuyer(db, before.id), before.id).toEqual(before);
        const shard = await db.buyerShards.get(shardIdOf(before.platform, before.buyerKey));
        expect(shard?.keys, before.id).toContain(before.buyerKey);
      }
      const shards = await db.buyerShards.toArray();
      expect(shards.reduce((n, s) => n + s.keys.length, 0)).toBe(buyers.length);
      expect(await countBuyers(db)).toBe(buyers.filter((b) => b.deletedAt === undefined).length);
      // A Shopify buyer is keyed by e-mail and shown by name: the console's name still finds them.
      if (fixture.version >= 2) {
        const anna = buyers.find((b) => b.platform === 'shopify' && b.nick === 'Anna Schmidt');
        expect(anna?.buyerKey).toMatch(/@/);
        expect((await findBuyerRecord(db, 'shopify', null, 'Anna Schmidt'))?.id).toBe(anna!.id);
      }
      // Every synced record can be found by change time (the version 2 index and backfill).
      for (const table of ['notes', 'tags', 'concerns', 'templates', 'reminders', 'contactLog']) {
        const total = await db.table(table).count();
        expect(await db.table(table).where('updatedAt').aboveOrEqual(0).count(), table).toBe(total);
      }
      // And the app still reads it: the imported buyer has a profile.
      const buyer = buyers.find((b) => b.platform === 'taobao')!;
      const record = await findBuyerRecord(db, buyer.platform, null, buyer.nick);
      expect(record?.nick).toBe(buyer.nick);
      const profile = await profileOf(db, record!, await loadAppSettings(db), '2025-10-20');
      expect(profile.metrics.paidOrders).toBe(record!.metrics.paidOrders);
      db.close();
    });
  }
});

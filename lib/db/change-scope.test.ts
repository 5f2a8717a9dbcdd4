import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addNote, setTag } from './annotations';
import { changeScope, type ChangeScope } from './change-scope';
import { HuitoukeDb } from './database';

let db: HuitoukeDb;
let n = 0;
let seen: (ChangeScope | null)[];
const listen = (parts: Record<string, unknown>) => seen.push(changeScope(parts, db.name));
beforeEach(async () => {
  db = new HuitoukeDb(`change-scope-${++n}`);
  await db.open();
  seen = [];
  Dexie.on('storagemutated', listen);
});
afterEach(async () => {
  Dexie.on('storagemutated').unsubscribe(listen);
  db.close();
  await db.delete();
});

describe('changeScope', () => {
  it('names the buyers of per-buyer records, and says "all" for anything else', async () => {
    await addNote(db, 'taobao:tb_a', '要开发票', '客服1', 1);
    await db.transaction('rw', [db.notes, db.tags], async () => {
      await addNote(db, 'taobao:tb_b', '老客', '客服1', 2);
      await setTag(db, 'jd:j1', 'vip', true, '客服1', 3);
    });
    await db.notes.clear();
    await db.settings.put({ key: 'x', value: 1 } as never);
    expect(seen).toEqual([
      { all: false, buyers: new Set(['taobao:tb_a']) },
      { all: false, buyers: new Set(['taobao:tb_b', 'jd:j1']) },
      { all: true },
      { all: true },
    ]);
  });

  it('ignores other databases', () => {
    expect(changeScope({ 'idb://huitouke-sync/outbox/': { from: 'a', to: 'a' } })).toBeNull();
  });
});

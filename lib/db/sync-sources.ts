import { type Table } from 'dexie';
import { CustomConsoleSchema, parseCustomConsoles, type CustomConsole } from '../consoles/custom';
import { PLAYBOOK_SETTING_IDS, templateUsageId, type PlaybookSettingId, type SyncKind } from '../sync/kinds';
import type { ServerRecord } from '../sync/protocol';
import { TemplateSchema, type Template } from '../templates/schema';
import type { HuitoukeDb, KeyedRecord } from './database';
import { PLAYBOOK_SETTINGS } from './playbook';
import { SETTINGS_KEY } from './settings';
import type { DexieSyncStore } from './sync-store';

/**
 * Where each synced kind lives in this browser, behind one interface (`LocalSource`): a Dexie table
 * of the records' database, the taught consoles' list in `storage.local`, the playbook settings in
 * the `settings` table, and the template usage made from the templates' own counts. The sync store
 * (sync-store.ts) reads and writes records only through these.
 */

/** A shadow's key in the sync database: kind and record id. */
export const shadowKey = (kind: SyncKind, id: string) => `${kind}\u0000${id}`;

/**
 * A kind's records where this browser keeps them: a table, a setting, storage of the background.
 * Records are plain objects with `id` and `updatedAt` (and `deletedAt` once soft-deleted).
 */
export interface LocalSource {
  /** Records whose `updatedAt` is at or past `mark` (every record when undefined); more is harmless. */
  changedSince(mark: number | undefined): Promise<Record<string, unknown>[]>;
  get(id: string): Promise<Record<string, unknown> | undefined>;
  /** Write what `next` makes of the current record (undefined: leave it), atomically with the read. */
  update(
    id: string,
    next: (local: Record<string, unknown> | undefined) => Record<string, unknown> | undefined,
  ): Promise<void>;
  remove(id: string): Promise<void>;
  /**
   * Records are removed outright here (no `deletedAt`): a record the server has that is gone
   * locally is a deletion, found by the scan from the shadows.
   */
  hardDeletes?: boolean;
  /** Not this browser's to push: the scan skips the kind. */
  readOnly?: boolean;
  /** After a pulled record's shadow is stored (template usage folds the team's counts). */
  afterRemote?: (rec: ServerRecord) => Promise<void>;
}

/** A Dexie table of the records' database as a source. */
export function tableSource(records: HuitoukeDb, name: string): LocalSource {
  const table = () => records.table(name) as Table<KeyedRecord, string>;
  return {
    changedSince: (mark) =>
      mark === undefined ? table().toArray() : table().where('updatedAt').aboveOrEqual(mark).toArray(),
    get: (id) => table().get(id),
    update: (id, next) =>
      records.transaction('rw', table(), async () => {
        const local = await table().get(id);
        const out = next(local);
        if (out !== undefined && JSON.stringify(out) !== JSON.stringify(local))
          await table().put({ ...out, id } as KeyedRecord);
      }),
    remove: async (id) => {
      await table().delete(id);
    },
  };
}

export type LocalSyncKind = SyncKind;

/**
 * Where the extension keeps taught consoles in `storage.local` (lib/consoles/stored.ts'
 * CUSTOM_CONSOLES_KEY, the same string; a test checks): the background's sync imports it from
 * here, as importing lib/consoles/stored there changes the bundle's module order.
 */
export const TAUGHT_CONSOLES_KEY = 'customConsoles';

/** A list kept outside IndexedDB (the background's `storage.local`), read and written whole. */
export interface StoredList {
  read(): Promise<unknown>;
  write(list: unknown[]): Promise<void>;
}

/**
 * Taught consoles (custom consoles, `storage.local` `customConsoles`) as `console` records: id = the
 * console's id, `definition` = the console. A console carries no time of its own, so a record's
 * `updatedAt` is when the scan read it: only a changed definition is pushed (rule 1 ignores a bare
 * re-stamp), as of the scan after the change. Removing a console removes it from the list, so the
 * scan finds deletions from the shadows (`hardDeletes`) — only of consoles a scan saw here. Writes are
 * serialised here; the picker's own save is a separate writer of the same list (a save and a pull at
 * the same instant: the later write of the whole list wins; a pulled console it dropped is put back by
 * the next scan, never removed for the team).
 */
export function consoleSource(list: StoredList, now: () => number = Date.now): LocalSource {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const all = async () => parseCustomConsoles(await list.read());
  const record = (c: CustomConsole, at: number): Record<string, unknown> => ({
    id: c.id,
    definition: c,
    updatedAt: at,
  });
  return {
    hardDeletes: true,
    async changedSince() {
      const at = now();
      return (await all()).map((c) => record(c, at));
    },
    async get(id) {
      const c = (await all()).find((x) => x.id === id);
      return c ? record(c, now()) : undefined;
    },
    update: (id, next) =>
      serial(async () => {
        const raw = await list.read();
        const items = Array.isArray(raw) ? [...(raw as unknown[])] : [];
        const index = items.findIndex((x) => typeof x === 'object' && x !== null && (x as { id?: unknown }).id === id);
        const current = index >= 0 ? CustomConsoleSchema.safeParse(items[index]) : undefined;
        const local = current?.success ? record(current.data, now()) : undefined;
        const out = next(local);
        if (out === undefined) return;
        if (out.deletedAt !== undefined && out.deletedAt !== null) {
          if (index < 0) return;
          items.splice(index, 1);
        } else {
          const parsed = CustomConsoleSchema.safeParse(out.definition);
          if (!parsed.success || parsed.data.id !== id) return;
          if (local && JSON.stringify(local.definition) === JSON.stringify(parsed.data)) return;
          if (index >= 0) items[index] = parsed.data;
          else items.push(parsed.data);
        }
        await list.write(items);
      }),
    remove: (id) =>
      serial(async () => {
        const raw = await list.read();
        if (!Array.isArray(raw)) return;
        const items = (raw as unknown[]).filter(
          (x) => !(typeof x === 'object' && x !== null && (x as { id?: unknown }).id === id),
        );
        if (items.length !== raw.length) await list.write(items);
      }),
  };
}

/**
 * The playbook's settings (taxonomy, reminder rules, contact policy, send check, the profile:
 * counting rules, ladder, stages, layers; and the shop anniversary), one record each, from the
 * `settings` table: the profile and the anniversary are fields of the app settings (the rest of the
 * app settings — agent name, language, zone — stay this browser's). Written by supervisors only; an
 * agent's are replaced by the server's.
 */
export function playbookSettingSource(records: HuitoukeDb): LocalSource {
  /** Settings kept as a field of the app settings rather than under a key of their own. */
  const inApp = (id: PlaybookSettingId): id is 'profile' | 'shopAnniversary' =>
    id === 'profile' || id === 'shopAnniversary';
  const keyOf = (id: Exclude<PlaybookSettingId, 'profile' | 'shopAnniversary'>) => PLAYBOOK_SETTINGS[id];
  const isId = (id: string): id is PlaybookSettingId => (PLAYBOOK_SETTING_IDS as readonly string[]).includes(id);
  const read = async (id: string): Promise<Record<string, unknown> | undefined> => {
    if (!isId(id)) return undefined;
    const rec = await records.settings.get(inApp(id) ? SETTINGS_KEY.app : keyOf(id));
    if (!rec) return undefined;
    const value = inApp(id) ? (rec.value as Record<string, unknown> | null | undefined)?.[id] : rec.value;
    return value === undefined ? undefined : { id, value, updatedAt: rec.updatedAt };
  };
  return {
    async changedSince(mark) {
      const out: Record<string, unknown>[] = [];
      for (const id of PLAYBOOK_SETTING_IDS) {
        const r = await read(id);
        if (r && (mark === undefined || Number(r.updatedAt) >= mark)) out.push(r);
      }
      return out;
    },
    get: read,
    update: (id, next) =>
      records.transaction('rw', records.settings, async () => {
        if (!isId(id)) return;
        const local = await read(id);
        const out = next(local);
        if (out === undefined || JSON.stringify(out) === JSON.stringify(local)) return;
        const at = typeof out.updatedAt === 'number' ? out.updatedAt : Date.now();
        if (inApp(id)) {
          // Removing the profile or the anniversary is not a thing: the shop keeps its ladder (no anniversary is null).
          if (out.deletedAt !== undefined) return;
          const app = await records.settings.get(SETTINGS_KEY.app);
          const value = { ...((app?.value ?? {}) as Record<string, unknown>), [id]: out.value };
          await records.settings.put({ key: SETTINGS_KEY.app, value, updatedAt: Math.max(app?.updatedAt ?? 0, at) });
        } else if (out.deletedAt !== undefined) await records.settings.delete(keyOf(id));
        else await records.settings.put({ key: keyOf(id), value: out.value, updatedAt: at });
      }),
    remove: async (id) => {
      if (isId(id) && !inApp(id)) await records.settings.delete(keyOf(id));
    },
  };
}

/**
 * Template usage (rule 5): this browser's own record per template is made from the template's
 * `usageCount`/`lastUsedAt` (bumped at every insertion); the other members' records stay in the
 * shadows, and their sum is written to the template's `teamUsageCount`, which ranking adds to the
 * browser's own count. Nothing of it is an edit of the template (its `updatedAt` stays).
 */
export function templateUsageSource(store: DexieSyncStore): LocalSource {
  const templates = () => store.records.templates;
  const split = (id: string) => {
    const cut = id.lastIndexOf('|');
    return { templateId: id.slice(0, cut), memberId: id.slice(cut + 1) };
  };
  const own = (t: Template): Record<string, unknown> => ({
    id: templateUsageId(t.id, store.memberId),
    templateId: t.id,
    memberId: store.memberId,
    count: t.usageCount,
    lastUsedAt: t.lastUsedAt,
    updatedAt: t.lastUsedAt ?? 0,
  });
  const live = (row: unknown): Template | null => {
    const parsed = TemplateSchema.safeParse(row);
    return parsed.success && parsed.data.deletedAt === undefined ? parsed.data : null;
  };
  return {
    async changedSince(mark) {
      if (!store.memberId) return [];
      const out: Record<string, unknown>[] = [];
      for (const row of await templates().toArray()) {
        const t = live(row);
        if (!t || t.usageCount === 0 || (mark !== undefined && (t.lastUsedAt ?? 0) < mark)) continue;
        // The server counted more of this member's uses than the template says (a restored backup): counts only grow.
        const shadow = (await store.sync.shadows.get(shadowKey('templateUsage', templateUsageId(t.id, store.memberId))))
          ?.data;
        if (shadow && Number(shadow.count) > t.usageCount)
          await this.update(templateUsageId(t.id, store.memberId), () => shadow);
        else out.push(own(t));
      }
      return out;
    },
    async get(id) {
      const { templateId, memberId } = split(id);
      if (!store.memberId || memberId !== store.memberId) return undefined;
      const t = live(await templates().get(templateId));
      return t && t.usageCount > 0 ? own(t) : undefined;
    },
    async update(id, next) {
      const { templateId, memberId } = split(id);
      if (!store.memberId || memberId !== store.memberId) return;
      // Counts only grow: the server's count of this member's uses (after a restore, say) raises the local one.
      await store.records.transaction('rw', store.records.templates, async () => {
        const t = live(await templates().get(templateId));
        if (!t) return;
        const remote = next(own(t));
        const count = typeof remote?.count === 'number' ? remote.count : 0;
        const at = typeof remote?.lastUsedAt === 'number' ? remote.lastUsedAt : null;
        if (count <= t.usageCount && (at ?? 0) <= (t.lastUsedAt ?? 0)) return;
        await templates().put({
          ...t,
          usageCount: Math.max(t.usageCount, count),
          lastUsedAt: Math.max(t.lastUsedAt ?? 0, at ?? 0) || null,
        });
      });
    },
    async remove() {},
    async afterRemote(rec) {
      const templateId = typeof rec.data.templateId === 'string' ? rec.data.templateId : split(rec.id).templateId;
      let team = 0;
      // Only this template's records (one per member), not every template's: a pull of n usage records
      // stays linear in n.
      for (const shadow of await store.shadowsOf('templateUsage', `${templateId}|`)) {
        if (shadow.data.templateId === templateId && shadow.data.memberId !== store.memberId)
          team += Number(shadow.data.count) || 0;
      }
      await store.records.transaction('rw', store.records.templates, async () => {
        const t = live(await templates().get(templateId));
        if (t && (t.teamUsageCount ?? 0) !== team) await templates().put({ ...t, teamUsageCount: team });
      });
    },
  };
}

/**
 * What a database change touches, read from Dexie's `storagemutated` parts (one per table and per
 * index, with the keys or index values written). The sidebar views use it to recompute only the
 * buyers a change is about: a note on one buyer leaves the other tabs' views alone.
 */
export type ChangeScope = { all: true } | { all: false; buyers: ReadonlySet<string> };

/**
 * Tables whose records each belong to one buyer, indexed by the record id they are filed under
 * (`buyerId`, lib/schemas/ids.ts BuyerId). The contact log is not one of them: what one buyer was
 * sent feeds every buyer's repeat check (sameText).
 */
const PER_BUYER = new Set(['notes', 'tags', 'concerns', 'reminders', 'birthdays', 'orderLinks', 'liveOrders']);

interface RangeNode {
  from?: unknown;
  to?: unknown;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

/** The single keys of a range set, or null when it holds a range (a clear, a bulk change). */
function pointsOf(node: RangeNode | null | undefined, into: Set<string>): boolean {
  if (!node || node.from === undefined) return true;
  if (typeof node.from !== 'string' || node.from !== node.to) return false;
  into.add(node.from);
  return pointsOf(node.l, into) && pointsOf(node.r, into);
}

/**
 * The scope of one mutation event: null when it wrote nothing a sidebar shows (another database,
 * such as the sync queue), the buyers when it wrote only per-buyer records with their ids known,
 * else everything.
 */
export function changeScope(parts: Record<string, unknown>, dbName = 'huitouke'): ChangeScope | null {
  const prefix = `idb://${dbName}/`;
  const tables = new Set<string>();
  for (const key of Object.keys(parts)) if (key.startsWith(prefix)) tables.add(key.slice(prefix.length).split('/')[0]!);
  if (tables.size === 0) return null;
  const buyers = new Set<string>();
  for (const table of tables) {
    if (!PER_BUYER.has(table)) return { all: true };
    const index = parts[`${prefix}${table}/buyerId`] as RangeNode | undefined;
    if (!index || !pointsOf(index, buyers)) return { all: true };
  }
  return { all: false, buyers };
}

/** Both scopes at once. */
export function mergeScopes(a: ChangeScope | null, b: ChangeScope | null): ChangeScope | null {
  if (!a) return b;
  if (!b) return a;
  if (a.all || b.all) return { all: true };
  return { all: false, buyers: new Set([...a.buyers, ...b.buyers]) };
}

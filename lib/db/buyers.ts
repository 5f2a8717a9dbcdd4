import { buildProfile } from '../metrics/profile';
import { buyerId, type BuyerProfile } from '../schemas/buyer';
import type { Platform } from '../schemas/common';
import { SegmentModelSchema, type SegmentModel } from '../segments/model';
import type { AppSettings } from '../settings/app';
import { buyersByAlias, getBuyer, liveBuyer } from './buyer-store';
import { rebuildSegmentModel } from './import-store';
import type { HuitoukeDb } from './database';
import type { BuyerRecord } from './records';
import { SETTINGS_KEY } from './settings';
import { matchKind, type BuyerMatch } from '../metrics/buyer-match';

export type { BuyerMatch } from '../metrics/buyer-match';

/**
 * The buyer a console shows: by the console's buyer id when it has one, else by nick
 * (on Taobao the nick is the buyer's key; elsewhere exports may carry a display name), and how
 * it was matched.
 */
export async function findBuyer(
  db: HuitoukeDb,
  platform: Platform,
  id: string | null,
  nick: string,
): Promise<{ record: BuyerRecord; match: BuyerMatch } | undefined> {
  if (id) {
    const byId = liveBuyer(await getBuyer(db, buyerId(platform, id)));
    if (byId) {
      if (matchKind(platform, 'id') === 'id') return { record: byId, match: { by: 'id', sameNick: 1 } };
      // The console's id is a nickname here (it matched a key made of one).
      return { record: byId, match: { by: 'nickname', sameNick: (await buyersNamed(db, platform, id)).length } };
    }
  }
  const byKey = liveBuyer(await getBuyer(db, buyerId(platform, nick)));
  // A nick that is an account name names one buyer: nothing more to read.
  if (byKey && matchKind(platform, 'key') === 'id') return { record: byKey, match: { by: 'id', sameNick: 1 } };
  const named = await buyersNamed(db, platform, nick, byKey);
  const first = named[0];
  if (!first) return undefined;
  return {
    record: first,
    match: { by: matchKind(platform, first === byKey ? 'key' : 'alias'), sameNick: named.length },
  };
}

/**
 * Live buyers of a platform a nick names: the one whose key it is, then those it is an alias of
 * (a display name that is not a key, such as Shopify's billing name), lowest key first.
 */
async function buyersNamed(
  db: HuitoukeDb,
  platform: Platform,
  nick: string,
  byKey?: BuyerRecord,
): Promise<BuyerRecord[]> {
  byKey ??= liveBuyer(await getBuyer(db, buyerId(platform, nick)));
  const byAlias = (await buyersByAlias(db, platform, nick)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return byKey ? [byKey, ...byAlias.filter((b) => b.id !== byKey.id)] : byAlias;
}

/** The buyer a console shows (see findBuyer). */
export async function findBuyerRecord(
  db: HuitoukeDb,
  platform: Platform,
  id: string | null,
  nick: string,
): Promise<BuyerRecord | undefined> {
  return (await findBuyer(db, platform, id, nick))?.record;
}

/** The population's segment model for a date; rebuilt from the buyer index when the date moved on. */
export async function segmentModelFor(db: HuitoukeDb, asOf: string, now = Date.now()): Promise<SegmentModel> {
  // Every sidebar lookup needs the model; keep it in memory until data changes (see forgetSegmentModel).
  if (cached && cached.db === db && cached.model.asOf === asOf) return cached.model;
  const rec = await db.settings.get(SETTINGS_KEY.segmentModel);
  const parsed = SegmentModelSchema.safeParse(rec?.value);
  const model = parsed.success && parsed.data.asOf === asOf ? parsed.data : await rebuildSegmentModel(db, asOf, now);
  cached = { db, model };
  return model;
}

let cached: { db: HuitoukeDb; model: SegmentModel } | undefined;

/** Drop the in-memory segment model: an import or a restore changed the population. */
export function forgetSegmentModel(): void {
  cached = undefined;
}

export async function profileOf(
  db: HuitoukeDb,
  record: BuyerRecord,
  settings: AppSettings,
  asOf: string,
): Promise<BuyerProfile> {
  const model = await segmentModelFor(db, asOf);
  return buildProfile(record, settings.profile, model, asOf);
}

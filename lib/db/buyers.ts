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

/**
 * The buyer a console shows: by the console's buyer id when it has one, else by nick
 * (on Taobao the nick is the buyer's key; elsewhere exports may carry a display name).
 */
export async function findBuyerRecord(db: HuitoukeDb, platform: Platform, id: string | null, nick: string): Promise<BuyerRecord | undefined> {
  if (id) {
    const byId = liveBuyer(await getBuyer(db, buyerId(platform, id)));
    if (byId) return byId;
  }
  const byKey = liveBuyer(await getBuyer(db, buyerId(platform, nick)));
  if (byKey) return byKey;
  // A display name that is not a key (Shopify's billing name): the alias list; the lowest key wins.
  return (await buyersByAlias(db, platform, nick)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
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

export async function profileOf(db: HuitoukeDb, record: BuyerRecord, settings: AppSettings, asOf: string): Promise<BuyerProfile> {
  const model = await segmentModelFor(db, asOf);
  return buildProfile(record, settings.profile, model, asOf);
}

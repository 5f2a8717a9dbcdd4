import { defaultTaxonomy, TaxonomySchema, type Taxonomy } from '../lib/concerns';
import { DEFAULT_PROFILE_SETTINGS, ProfileSettingsSchema, type ProfileSettings } from '../lib/metrics/profile';
import type { Queryable } from './db';

/** The playbook settings the supervisor synced, as the server needs them; defaults until then. */
async function setting(sql: Queryable, shopId: string, id: string): Promise<unknown> {
  const { rows } = await sql.query<{ data: { value?: unknown; deletedAt?: number } }>(
    "SELECT data FROM records WHERE shop_id = $1 AND kind = 'playbookSetting' AND id = $2",
    [shopId, id],
  );
  const data = rows[0]?.data;
  return data && data.deletedAt === undefined ? data.value : undefined;
}

export async function profileSettings(sql: Queryable, shopId: string): Promise<ProfileSettings> {
  const parsed = ProfileSettingsSchema.safeParse(await setting(sql, shopId, 'profile'));
  return parsed.success ? parsed.data : structuredClone(DEFAULT_PROFILE_SETTINGS);
}

export async function taxonomy(sql: Queryable, shopId: string): Promise<Taxonomy> {
  const parsed = TaxonomySchema.safeParse(await setting(sql, shopId, 'taxonomy'));
  return parsed.success ? parsed.data : defaultTaxonomy();
}

import type { Rfm8Id } from '../schemas/buyer';

/**
 * The Chinese RFM 8-class model: each of R, F, M is "high" or "low" against the population mean
 * (means over buyers with at least one paid order). R is high when the buyer bought at least as
 * recently as the mean (recency days ≤ mean), F when their order count is ≥ the mean, M when their
 * net spend is ≥ the mean. M decides important vs general; R and F give value / develop / keep / retain.
 * Display names are UI strings: `profile_rfm8_<id>` in lib/i18n/catalog/profile.ts.
 */
export const RFM8: Readonly<Record<Rfm8Id, { r: boolean; f: boolean; m: boolean }>> = {
  important_value: { r: true, f: true, m: true },
  important_develop: { r: true, f: false, m: true },
  important_keep: { r: false, f: true, m: true },
  important_retain: { r: false, f: false, m: true },
  general_value: { r: true, f: true, m: false },
  general_develop: { r: true, f: false, m: false },
  general_keep: { r: false, f: true, m: false },
  general_retain: { r: false, f: false, m: false },
};

// Indexed by m·4 + r·2 + f, so classification is a table lookup.
const BY_BITS: readonly Rfm8Id[] = [
  'general_retain',
  'general_keep',
  'general_develop',
  'general_value',
  'important_retain',
  'important_keep',
  'important_develop',
  'important_value',
];

export function rfm8Of(rHigh: boolean, fHigh: boolean, mHigh: boolean): Rfm8Id {
  return BY_BITS[(mHigh ? 4 : 0) + (rHigh ? 2 : 0) + (fHigh ? 1 : 0)] as Rfm8Id;
}

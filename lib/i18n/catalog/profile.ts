import type { Catalog } from '../types';

/**
 * Names of the buyer-profile ids that are fixed in code: lifecycle stages, the RFM 8 classes and
 * the R/F/M letters. Level and layer names are shop data and live in their configs instead.
 * Keys are `profile_stage_<StageId>` and `profile_rfm8_<Rfm8Id>` so callers can build them from ids.
 */
export const profile = {
  profile_stage_prospect: { zh: '潜在客户', en: 'Prospect' },
  profile_stage_active: { zh: '活跃期', en: 'Active' },
  profile_stage_silent: { zh: '沉默期', en: 'Silent' },
  profile_stage_sleeping: { zh: '睡眠期', en: 'Sleeping' },
  profile_stage_lost: { zh: '流失期', en: 'Lost' },
  profile_daysSinceLastPaid: { zh: '距上次付款 {days} 天', en: '{days} days since the last paid order' },
  profile_daysToNextStage: { zh: '{days} 天后进入{stage}', en: 'Becomes {stage} in {days} days' },

  profile_rfm8_important_value: { zh: '重要价值客户', en: 'Key value' },
  profile_rfm8_important_develop: { zh: '重要发展客户', en: 'Key to develop' },
  profile_rfm8_important_keep: { zh: '重要保持客户', en: 'Key to keep' },
  profile_rfm8_important_retain: { zh: '重要挽留客户', en: 'Key to win back' },
  profile_rfm8_general_value: { zh: '一般价值客户', en: 'General value' },
  profile_rfm8_general_develop: { zh: '一般发展客户', en: 'General to develop' },
  profile_rfm8_general_keep: { zh: '一般保持客户', en: 'General to keep' },
  profile_rfm8_general_retain: { zh: '一般挽留客户', en: 'General to win back' },

  profile_rfmRecency: { zh: '最近购买', en: 'Recency' },
  profile_rfmFrequency: { zh: '购买频次', en: 'Frequency' },
  profile_rfmMonetary: { zh: '消费金额', en: 'Monetary' },
  profile_noLevel: { zh: '非会员', en: 'Not a member' },
} satisfies Catalog;

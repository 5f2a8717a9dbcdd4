import { z } from 'zod';
import { Rfm8IdSchema, type Rfm8Id } from '../schemas/buyer';

/**
 * Seed 002's four customer layers (黄金 / 重点发展 / 普通 / 低价值), defined as groups of RFM
 * 8-classes so a supervisor can regroup them. Every 8-class belongs to exactly one layer.
 * Layer names are shop data (editable), hence stored here with an English name.
 */
export const LayerSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  rfm8: z.array(Rfm8IdSchema),
});
export type Layer = z.infer<typeof LayerSchema>;

export const LayerConfigSchema = z
  .object({ layers: z.array(LayerSchema).min(1) })
  .refine((c) => new Set(c.layers.map((l) => l.id)).size === c.layers.length, { message: 'layer ids must be unique' })
  .refine(
    (c) => {
      const assigned = c.layers.flatMap((l) => l.rfm8);
      return assigned.length === Rfm8IdSchema.options.length && new Set(assigned).size === assigned.length;
    },
    { message: 'every RFM 8-class must belong to exactly one layer' },
  );
export type LayerConfig = z.infer<typeof LayerConfigSchema>;

/**
 * Default layers by value alone (spend and frequency against the mean); how recently the buyer
 * bought is the lifecycle stage's job, shown beside the layer, so it does not move a buyer between
 * layers here:
 * - gold 黄金客户: high spend and frequent (important_value, important_keep) — the core few;
 * - develop 重点发展客户: high spend, few orders (important_develop, important_retain) — worth a
 *   second and third purchase;
 * - normal 普通客户: frequent but small baskets (general_value, general_keep);
 * - low 低价值客户: few orders and small spend (general_develop, general_retain).
 */
export const DEFAULT_LAYERS: LayerConfig = LayerConfigSchema.parse({
  layers: [
    { id: 'gold', name: '黄金客户', nameEn: 'Gold', rfm8: ['important_value', 'important_keep'] },
    { id: 'develop', name: '重点发展客户', nameEn: 'Key to develop', rfm8: ['important_develop', 'important_retain'] },
    { id: 'normal', name: '普通客户', nameEn: 'Regular', rfm8: ['general_value', 'general_keep'] },
    { id: 'low', name: '低价值客户', nameEn: 'Low value', rfm8: ['general_develop', 'general_retain'] },
  ],
});

export function layerOf(rfm8: Rfm8Id, config: LayerConfig = DEFAULT_LAYERS): Layer | null {
  for (const layer of config.layers) if (layer.rfm8.includes(rfm8)) return layer;
  return null;
}

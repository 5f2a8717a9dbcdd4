import type { BuyerRow } from '@/lib/export/buyer-rows';
import type { ProfileSettings } from '@/lib/metrics/profile';
import { Rfm8IdSchema } from '@/lib/schemas/buyer';

export interface Counts {
  levels: Map<string, number>;
  stages: Map<string, number>;
  rfm8: Map<string, number>;
  layers: Map<string, number>;
  total: number;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** How many buyers fall into each level ('-' = none), stage, RFM class and layer. */
export function countRows(rows: readonly BuyerRow[]): Counts {
  const c: Counts = { levels: new Map(), stages: new Map(), rfm8: new Map(), layers: new Map(), total: rows.length };
  for (const r of rows) {
    bump(c.levels, r.level ?? '-');
    bump(c.stages, r.stage);
    if (r.rfm8) bump(c.rfm8, r.rfm8);
    if (r.layer) bump(c.layers, r.layer);
  }
  return c;
}

/** Problems the schema would report, in words a supervisor acts on; empty when the draft saves. */
export function ladderProblems(p: ProfileSettings): ('dupLevel' | 'emptyLevel' | 'stageOrder' | 'layerGap')[] {
  const out: ('dupLevel' | 'emptyLevel' | 'stageOrder' | 'layerGap')[] = [];
  const ids = p.ladder.levels.map((l) => l.id.trim());
  if (new Set(ids).size !== ids.length) out.push('dupLevel');
  if (p.ladder.levels.some((l) => !l.id.trim() || !l.name.trim() || !l.nameEn.trim())) out.push('emptyLevel');
  const s = p.stages;
  if (!(s.activeMaxDays < s.silentMaxDays && s.silentMaxDays < s.sleepingMaxDays)) out.push('stageOrder');
  const assigned = p.layers.layers.flatMap((l) => l.rfm8);
  if (assigned.length !== Rfm8IdSchema.options.length || new Set(assigned).size !== assigned.length)
    out.push('layerGap');
  return out;
}

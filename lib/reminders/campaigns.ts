import { csvRow, UTF8_BOM } from '../export/csv';
import { localDateAt } from './time';
import { isActionable, MASS_CARE_KINDS } from './followups';
import type { Reminder, ReminderKind } from './schema';

/**
 * Mass care as campaign lists for the supervisor: stage-end nudges, 100-day, anniversary and
 * birthday greetings due within the next days, one list per kind (and stage milestone), to review
 * and export as a buyer list for the platform's own marketing tools. Exporting records the contact
 * in the contact log (as `reengage` for stage-end nudges, `greeting` for the others), so the
 * dashboard measures the response to the campaign against natural repurchase.
 */

export interface CampaignList {
  /** `stage_end:45`, `day100`, `anniversary`, `birthday`. */
  key: string;
  kind: ReminderKind;
  /** The stage milestone (45 / 90 / 180) of a stage-end list. */
  day?: number;
  /** One reminder per buyer, earliest due first. */
  reminders: Reminder[];
}

const KIND_ORDER: readonly ReminderKind[] = ['stage_end', 'day100', 'anniversary', 'birthday'];

export function campaignLists(
  open: readonly Reminder[],
  opts: { now: number; timeZone: string; horizonDays: number; engaged?: ReadonlySet<string> },
): CampaignList[] {
  const engaged = opts.engaged ?? new Set<string>();
  const last = localDateAt(opts.now + opts.horizonDays * 86_400_000, opts.timeZone);
  const byKey = new Map<string, CampaignList>();
  const sorted = [...open].sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
  for (const r of sorted) {
    if (!MASS_CARE_KINDS.has(r.kind) || (r.status !== 'pending' && r.status !== 'snoozed')) continue;
    if (isActionable(r, engaged) || localDateAt(r.dueAt, opts.timeZone) > last) continue;
    const key = r.kind === 'stage_end' && r.day !== undefined ? `${r.kind}:${r.day}` : r.kind;
    let list = byKey.get(key);
    if (!list) {
      list = {
        key,
        kind: r.kind,
        ...(r.kind === 'stage_end' && r.day !== undefined ? { day: r.day } : {}),
        reminders: [],
      };
      byKey.set(key, list);
    }
    if (!list.reminders.some((x) => x.buyerId === r.buyerId)) list.reminders.push(r);
  }
  return [...byKey.values()].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.day ?? 0) - (b.day ?? 0),
  );
}

/** The contact-log kind an exported campaign is recorded as (lib/insights groups it). */
export function campaignContactKind(kind: ReminderKind): string {
  return kind === 'stage_end' ? 'reengage' : 'greeting';
}

/**
 * The buyer list as CSV (UTF-8 with BOM, CRLF), one buyer a row: 买家昵称 first (the Taobao 会员名 /
 * platform nickname, which is what a crowd or SMS import such as 千牛 客户运营平台's can match buyers
 * on), then the platform, our buyer id, the care and its due date for the supervisor's records.
 * Not checked against any platform's current import template: a tool that wants only the first
 * column takes it as is. Cells are neutralised against spreadsheet formulas.
 */
export const CAMPAIGN_CSV_HEADER = ['买家昵称', '平台', '买家编号', '关怀类型', '到期日'] as const;

export function campaignCsv(list: CampaignList, opts: { timeZone: string; careName: string }): string {
  const rows = list.reminders.map((r) =>
    csvRow([
      r.nick || r.buyerId.slice(r.buyerId.indexOf(':') + 1),
      r.platform,
      r.buyerId,
      opts.careName,
      localDateAt(r.dueAt, opts.timeZone),
    ]),
  );
  return UTF8_BOM + csvRow([...CAMPAIGN_CSV_HEADER]) + rows.join('');
}

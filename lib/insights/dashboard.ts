import { localDateAt } from '../reminders/time';
import { teamUsage, type Template } from '../templates/schema';
import { liftOf, type ContactGroup, type OutcomeCell, type OutcomeReport, type OutcomeRow } from './outcomes';

/** Days the dashboard's "concerns lately" figure looks back. */
export const RECENT_CONCERN_DAYS = 30;
/** Templates shown in "most used templates". */
export const TOP_TEMPLATES = 12;

/** Share of buyers who paid twice or more, in percent to one decimal; null when there is no buyer. */
export function repeatPercent(repeatBuyers: number, buyers: number): number | null {
  return buyers > 0 ? Math.round((repeatBuyers / buyers) * 1000) / 10 : null;
}

/** Concerns recorded within the last {@link RECENT_CONCERN_DAYS} days before `now`, by the shop's calendar. */
export function recentConcernCount(concerns: readonly { date: string }[], now: number, timeZone: string): number {
  const since = localDateAt(now - RECENT_CONCERN_DAYS * 86_400_000, timeZone);
  return concerns.filter((c) => c.date > since).length;
}

/**
 * The templates used most (this browser's uses and, connected to a team, the others'), most used
 * last: a horizontal bar chart draws its first category at the bottom.
 */
export function mostUsedTemplates(templates: readonly Template[], top = TOP_TEMPLATES): Template[] {
  return templates
    .filter((t) => teamUsage(t) > 0)
    .sort((a, b) => teamUsage(b) - teamUsage(a))
    .slice(0, top)
    .reverse();
}

/** Concerns per agent who recorded them (every agent's, synced from the shop server when connected), most first. */
export function concernsByAgent(concerns: readonly { agent: string }[]): [agent: string, count: number][] {
  const counts = new Map<string, number>();
  for (const c of concerns) counts.set(c.agent, (counts.get(c.agent) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** What an outcome row is about: the overall line, a family of contacts, or one coupon. */
export type OutcomeSubject =
  { kind: 'overall' } | { kind: 'group'; group: ContactGroup } | { kind: 'coupon'; couponId: string; name: string };

export function outcomeSubject(row: OutcomeRow, coupons: readonly { id: string; name: string }[]): OutcomeSubject {
  if (row.couponId !== null && !row.key.startsWith('group:'))
    return {
      kind: 'coupon',
      couponId: row.couponId,
      name: coupons.find((c) => c.id === row.couponId)?.name ?? row.couponId,
    };
  return row.group ? { kind: 'group', group: row.group } : { kind: 'overall' };
}

/** The period the outcomes open on: the second (14 days) when there is one. */
export function defaultOutcomePeriod(report: Pick<OutcomeReport, 'periods'>): number | undefined {
  return report.periods[1] ?? report.periods[0];
}

/** A rate as people read it: percent to one decimal, `—` when unknown. */
export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/** The lift in percentage points to one decimal with its sign (`+3.5`, `-1`), `—` when unknown; and whether it is good. */
export function liftText(cell: OutcomeCell): { text: string; good: boolean | null } {
  const lift = liftOf(cell);
  if (lift === null) return { text: '—', good: null };
  return { text: `${lift >= 0 ? '+' : ''}${Math.round(lift * 1000) / 10}`, good: lift >= 0 };
}

/**
 * The outcomes for one period: its index among the report's periods (the first for one not in it),
 * and the rows with contacts judged in it (the chart's rows).
 */
export function outcomesFor(
  report: OutcomeReport,
  days: number,
): { index: number; days: number; judged: OutcomeRow[] } {
  const index = Math.max(0, report.periods.indexOf(days));
  return {
    index,
    days: report.periods[index]!,
    judged: report.byKind.filter((row) => row.cells[index]!.contacted > 0),
  };
}

import { describe, expect, it } from 'vitest';
import { CAMPAIGN_CSV_HEADER, campaignContactKind, campaignCsv, campaignLists } from './campaigns';
import { followupScore, planFollowups, type FollowupValue } from './followups';
import type { Reminder, ReminderKind } from './schema';
import { localDateAt } from './time';

const TZ = 'Asia/Shanghai';
// Any day works: every time below is derived from this clock, which the functions are given.
const NOW = Date.now();
const HOUR = 3_600_000;
const startOfToday = () => {
  const today = localDateAt(NOW, TZ);
  let t = NOW;
  while (localDateAt(t - 60_000, TZ) === today) t -= 60_000;
  return t;
};

let n = 0;
function reminder(kind: ReminderKind, buyer: string, dueAt: number, patch: Partial<Reminder> = {}): Reminder {
  n++;
  return {
    id: `${kind}|${buyer}|${n}`,
    buyerId: `taobao:${buyer}`,
    nick: buyer,
    platform: 'taobao',
    kind,
    dueAt,
    createdAt: NOW - 10 * 86_400_000,
    source: kind,
    note: '',
    status: 'pending',
    updatedAt: NOW - HOUR,
    ...patch,
  };
}

const values: Record<string, FollowupValue> = {
  'taobao:gold': { levelRank: 3, layer: 'gold', amountCents: 30_000 },
  'taobao:low': { levelRank: 0, layer: 'low', amountCents: 30_000 },
  'taobao:small': { levelRank: 1, layer: 'normal', amountCents: 2_000 },
};
const valueOf = (r: Reminder) => values[r.buyerId] ?? { levelRank: 0, layer: null, amountCents: 5_000 };

describe("a day's follow-ups", () => {
  const open = [
    reminder('unpaid', 'small', NOW - HOUR),
    reminder('shipping', 'low', NOW - 2 * HOUR),
    reminder('checkin', 'gold', NOW - 3 * HOUR),
    reminder('anniversary', 'quiet', NOW - HOUR),
    reminder('day100', 'quiet2', NOW - HOUR),
    reminder('stage_end', 'chatting', NOW - HOUR, { day: 45 }),
    reminder('birthday', 'tomorrow', NOW + 30 * HOUR),
  ];

  it('gives the agent what can be acted on, most valuable first, and leaves mass care for the campaign lists', () => {
    const plan = planFollowups({
      open,
      handledToday: 0,
      now: NOW,
      timeZone: TZ,
      cap: 30,
      engaged: new Set(['taobao:chatting']),
      valueOf,
    });
    expect(plan.actionable.map((f) => f.reminder.buyerId)).toEqual([
      'taobao:gold',
      'taobao:low',
      'taobao:small',
      'taobao:chatting',
    ]);
    // Greetings for buyers who are not chatting are not the agent's; a buyer who is chatting gets hers in the chat.
    expect(plan.massCare.map((r) => r.buyerId).sort()).toEqual(['taobao:quiet', 'taobao:quiet2']);
    expect(plan.overCap).toBe(0);
  });

  it('orders by level, layer and the amount at stake; an unpaid order counts double', () => {
    expect(followupScore('checkin', values['taobao:gold']!)).toBeGreaterThan(
      followupScore('checkin', values['taobao:low']!),
    );
    expect(followupScore('unpaid', { levelRank: 0, layer: 'normal', amountCents: 10_000 })).toBe(
      2 * followupScore('shipping', { levelRank: 0, layer: 'normal', amountCents: 10_000 }),
    );
    expect(followupScore('shipping', { levelRank: 2, layer: 'normal', amountCents: 10_000 })).toBeGreaterThan(
      followupScore('shipping', { levelRank: 0, layer: 'normal', amountCents: 10_000 }),
    );
  });

  it('caps the day per agent, counting what the agent already handled today', () => {
    const plan = planFollowups({ open, handledToday: 2, now: NOW, timeZone: TZ, cap: 3, engaged: new Set(), valueOf });
    expect(plan.actionable.map((f) => f.reminder.buyerId)).toEqual(['taobao:gold']);
    expect(plan.overCap).toBe(2);
    expect(
      planFollowups({ open, handledToday: 5, now: NOW, timeZone: TZ, cap: 3, engaged: new Set(), valueOf }).actionable,
    ).toEqual([]);
  });

  it('in a team, leaves out what another member owns, so neither my list nor my cap holds it; unowned and mine stay', () => {
    const mine = reminder('unpaid', 'mine', NOW - HOUR, { owner: 'm-me' });
    const theirs = reminder('unpaid', 'theirs', NOW - HOUR, { owner: 'm-other' });
    const nobody = reminder('shipping', 'nobody', NOW - HOUR);
    const base = { handledToday: 0, now: NOW, timeZone: TZ, cap: 2, engaged: new Set<string>(), valueOf };
    const plan = planFollowups({ ...base, open: [mine, theirs, nobody], me: 'm-me' });
    expect(plan.actionable.map((f) => f.reminder.buyerId).sort()).toEqual(['taobao:mine', 'taobao:nobody']);
    expect(plan.overCap).toBe(0);
    expect(plan.othersOwn).toBe(1);
    // Alone (no shop server), every reminder is this agent's, whoever owned it before.
    const alone = planFollowups({ ...base, open: [mine, theirs, nobody] });
    expect(alone.actionable).toHaveLength(2);
    expect(alone.overCap).toBe(1);
    expect(alone.othersOwn).toBe(0);
  });

  it('leaves out what is due another day and what is done or still snoozed past today', () => {
    const plan = planFollowups({
      open: [
        reminder('unpaid', 'a', NOW + 30 * HOUR),
        reminder('unpaid', 'b', NOW - HOUR, { status: 'done' }),
        reminder('unpaid', 'c', NOW - HOUR, { status: 'snoozed', snoozedUntil: NOW + 30 * HOUR }),
        reminder('unpaid', 'd', startOfToday() + 60_000),
      ],
      handledToday: 0,
      now: NOW,
      timeZone: TZ,
      cap: 10,
      engaged: new Set(),
      valueOf,
    });
    expect(plan.actionable.map((f) => f.reminder.buyerId)).toEqual(['taobao:d']);
  });
});

describe('campaign lists', () => {
  const open = [
    reminder('stage_end', 'a', NOW - HOUR, { day: 45 }),
    reminder('stage_end', 'b', NOW + 2 * 86_400_000, { day: 90 }),
    reminder('anniversary', 'c', NOW + 3 * 86_400_000),
    reminder('anniversary', 'c', NOW + 4 * 86_400_000),
    reminder('birthday', 'far', NOW + 30 * 86_400_000),
    reminder('day100', 'chatting', NOW),
    reminder('unpaid', 'd', NOW),
  ];

  it('group mass care due within the horizon by kind and milestone, one row per buyer, chatting buyers left to the agent', () => {
    const lists = campaignLists(open, {
      now: NOW,
      timeZone: TZ,
      horizonDays: 7,
      engaged: new Set(['taobao:chatting']),
    });
    expect(lists.map((l) => [l.key, l.reminders.map((r) => r.nick)])).toEqual([
      ['stage_end:45', ['a']],
      ['stage_end:90', ['b']],
      ['anniversary', ['c']],
    ]);
  });

  it('export as a buyer list with the nickname first, formulas neutralised, and record as care or win-back', () => {
    const list = {
      key: 'anniversary',
      kind: 'anniversary' as const,
      reminders: [reminder('anniversary', '=cmd', NOW), reminder('anniversary', '小红', NOW)],
    };
    const csv = campaignCsv(list, { timeZone: TZ, careName: '周年关怀' });
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(CAMPAIGN_CSV_HEADER.join(','));
    expect(lines[1]).toBe(`'=cmd,taobao,taobao:=cmd,周年关怀,${localDateAt(NOW, TZ)}`);
    expect(lines[2]!.startsWith('小红,taobao,')).toBe(true);
    expect(campaignContactKind('stage_end')).toBe('reengage');
    expect(campaignContactKind('birthday')).toBe('greeting');
  });
});

import { describe, expect, it } from 'vitest';
import { applyChange, rebaseRemote, type ApplyContext, type StoredVersion } from './rules';
import { templateUsageId } from './kinds';
import type { Change } from './protocol';
import { BUYER, concern, contact, del, note, put, reminder, tag, template } from './fixtures.test-helper';

const T = Date.now();
const agentA: ApplyContext = { seq: 1, memberId: 'm-a', role: 'agent' };
const agentB: ApplyContext = { seq: 1, memberId: 'm-b', role: 'agent' };
const boss: ApplyContext = { seq: 1, memberId: 'm-s', role: 'supervisor' };

/** Apply changes in server order, numbering versions, as the server does. */
function run(changes: [Change, ApplyContext][]): { state: StoredVersion | undefined; statuses: string[] } {
  let state: StoredVersion | undefined;
  let seq = 0;
  const statuses: string[] = [];
  for (const [change, ctx] of changes) {
    const out = applyChange(state, change, { ...ctx, seq: seq + 1 });
    statuses.push(out.status === 'rejected' ? `rejected:${out.reason}` : out.status);
    if (out.status === 'applied') {
      seq += 1;
      state = { data: out.data, meta: out.meta, seq };
    }
  }
  return { state, statuses };
}

describe('per-field last writer by server order', () => {
  it('two agents editing different fields of one concern both keep their change', () => {
    const c = concern('msg1', T);
    const { state } = run([
      [put('concern', c, T), agentA],
      [put('concern', { ...c, resolved: true, resolvedBy: '小王' }, T + 1000, 1, ['resolved', 'resolvedBy']), agentA],
      [put('concern', { ...c, quote: '我165 55kg穿什么码' }, T + 500, 1, ['quote']), agentB],
    ]);
    expect(state?.data).toMatchObject({ resolved: true, resolvedBy: '小王', quote: '我165 55kg穿什么码' });
  });

  it('the same field: the change the server got last wins, whatever the clocks say', () => {
    const n = note('n1', '第一次', T);
    const { state } = run([
      [put('note', n, T), agentA],
      [put('note', { ...n, text: 'A 改的' }, T + 60_000, 1, ['text']), agentA],
      // B's clock is behind, but B's change reached the server later.
      [put('note', { ...n, text: 'B 改的' }, T + 1_000, 1, ['text']), agentB],
    ]);
    expect(state?.data.text).toBe('B 改的');
  });

  it('a cleared optional field is removed (unset), an unknown field is dropped by the schema', () => {
    const r = reminder('r1', T, { snoozedUntil: T + 10, status: 'snoozed' });
    const clear: Change = {
      ...put('reminder', { id: 'r1', status: 'pending' }, T + 5, 1, ['status']),
      unset: ['snoozedUntil'],
    };
    const { state } = run([
      [put('reminder', { ...r, extra: 'x' } as never, T), agentA],
      [clear, agentB],
    ]);
    expect(state?.data.status).toBe('pending');
    expect(state?.data).not.toHaveProperty('snoozedUntil');
    expect(state?.data).not.toHaveProperty('extra');
  });

  it('a change that says what the record already says is unchanged (no new version)', () => {
    const r = reminder('stage_end|x|2026|45', T);
    const { statuses } = run([
      [put('reminder', r, T), agentA],
      [put('reminder', { ...r, updatedAt: T + 9 }, T + 9), agentB],
    ]);
    expect(statuses).toEqual(['applied', 'unchanged']);
  });
});

describe('deletion against an edit', () => {
  it('a deletion newer than the last edit wins', () => {
    const t = tag('老客', T);
    const { state, statuses } = run([
      [put('tag', t, T), agentA],
      [del('tag', t.id, T + 100, 1), agentB],
    ]);
    expect(statuses).toEqual(['applied', 'applied']);
    expect(state?.data.deletedAt).toBe(T + 100);
  });

  it('a deletion older than an edit that reached the server first loses', () => {
    const n = note('n1', 'x', T);
    const { state, statuses } = run([
      [put('note', n, T), agentA],
      [put('note', { ...n, text: 'later edit' }, T + 5_000, 1, ['text']), agentA],
      // B deleted it before A's edit, while offline, and pushes now.
      [del('note', n.id, T + 1_000, 1), agentB],
    ]);
    expect(statuses[2]).toBe('superseded');
    expect(state?.data.deletedAt).toBeUndefined();
    expect(state?.data.text).toBe('later edit');
  });

  it('an edit older than the deletion does not bring the record back; a newer one does', () => {
    const t = tag('老客', T);
    const older = run([
      [put('tag', t, T), agentA],
      [del('tag', t.id, T + 100, 1), agentA],
      [put('tag', { ...t, author: 'B' }, T + 50, 1, ['author']), agentB],
    ]);
    expect(older.statuses[2]).toBe('superseded');
    expect(older.state?.data.deletedAt).toBe(T + 100);

    const newer = run([
      [put('tag', t, T), agentA],
      [del('tag', t.id, T + 100, 1), agentA],
      [put('tag', t, T + 200, 2), agentB],
    ]);
    expect(newer.statuses[2]).toBe('applied');
    expect(newer.state?.data.deletedAt).toBeUndefined();
  });

  it('deleting a record the server never had changes nothing', () => {
    expect(run([[del('note', 'nope', T), agentA]]).statuses).toEqual(['unchanged']);
  });
});

describe('reminders: done by one is done for all', () => {
  const r = reminder('r1', T);
  it('an agent who had not seen it done cannot snooze it open again', () => {
    const { state, statuses } = run([
      [put('reminder', r, T), agentA],
      [put('reminder', { ...r, status: 'done' }, T + 10, 1, ['status']), agentA],
      [
        put('reminder', { ...r, status: 'snoozed', snoozedUntil: T + 999 }, T + 20, 1, ['status', 'snoozedUntil']),
        agentB,
      ],
    ]);
    expect(statuses[2]).toBe('superseded');
    expect(state?.data.status).toBe('done');
    expect(state?.data).not.toHaveProperty('snoozedUntil');
  });

  it('the rest of a stale change still applies (the owner hand-over)', () => {
    const { state } = run([
      [put('reminder', r, T), agentA],
      [put('reminder', { ...r, status: 'done' }, T + 10, 1, ['status']), agentA],
      [put('reminder', { ...r, status: 'pending', owner: 'm-b' }, T + 20, 1, ['status', 'owner']), agentB],
    ]);
    expect(state?.data).toMatchObject({ status: 'done', owner: 'm-b' });
  });

  it('an agent who saw it done may reopen it', () => {
    const { state } = run([
      [put('reminder', r, T), agentA],
      [put('reminder', { ...r, status: 'done' }, T + 10, 1, ['status']), agentA],
      [put('reminder', { ...r, status: 'pending' }, T + 20, 2, ['status']), agentB],
    ]);
    expect(state?.data.status).toBe('pending');
  });

  it('take and hand over: the owner is the last by server order', () => {
    const { state } = run([
      [put('reminder', r, T), agentA],
      [put('reminder', { ...r, owner: 'm-a' }, T + 10, 1, ['owner']), agentA],
      [put('reminder', { ...r, owner: 'm-b' }, T + 5, 1, ['owner']), agentB],
    ]);
    expect(state?.data.owner).toBe('m-b');
  });
});

describe('contact log: append-only', () => {
  it('an entry is written once; sent only goes to true; other fields keep the first write', () => {
    const e = contact('c1', T, false);
    const { state, statuses } = run([
      [put('contact', e, T), agentA],
      [put('contact', { ...e, sent: true, text: '改过的' }, T + 5, 1), agentA],
      [put('contact', { ...e, sent: false }, T + 9, 2), agentB],
    ]);
    expect(statuses).toEqual(['applied', 'applied', 'unchanged']);
    expect(state?.data).toMatchObject({ sent: true, text: '好久不见' });
  });

  it('deleting an entry is refused', () => {
    const e = contact('c1', T, true);
    expect(
      run([
        [put('contact', e, T), agentA],
        [del('contact', 'c1', T + 1, 1), agentA],
      ]).statuses[1],
    ).toBe('rejected:appendOnly');
  });
});

describe('playbook and template usage', () => {
  it('an agent cannot write a template; a supervisor can', () => {
    const tpl = template(T);
    expect(run([[put('template', tpl, T), agentA]]).statuses).toEqual(['rejected:forbidden']);
    expect(run([[put('template', tpl, T), boss]]).statuses).toEqual(['applied']);
    expect(
      run([
        [put('template', tpl, T), boss],
        [del('template', tpl.id, T + 1, 1), agentA],
      ]).statuses[1],
    ).toBe('rejected:forbidden');
  });

  it('usage counts only grow, and a member writes only its own', () => {
    const id = templateUsageId('builtin.size', 'm-a');
    const use = (count: number, at: number) =>
      put(
        'templateUsage',
        { id, templateId: 'builtin.size', memberId: 'm-a', count, lastUsedAt: at, updatedAt: at },
        at,
      );
    const { state } = run([
      [use(5, T), agentA],
      [use(3, T - 100), agentA],
    ]);
    expect(state?.data).toMatchObject({ count: 5, lastUsedAt: T });
    expect(run([[use(1, T), agentB]]).statuses).toEqual(['rejected:forbidden']);
  });
});

describe('validation', () => {
  it('a new record missing fields is incomplete; a bad value is invalid, with where', () => {
    const c = concern('m', T);
    const partial = run([[put('concern', c, T, 0, ['resolved']), agentA]]);
    expect(partial.statuses).toEqual(['rejected:incomplete']);
    const out = applyChange(undefined, put('tag', { ...tag('x', T), tag: '' }, T), agentA);
    expect(out).toMatchObject({ status: 'rejected', reason: 'invalid' });
    expect(out.status === 'rejected' && out.detail).toMatch(/^tag:/);
  });

  it('a change cannot rename the record or delete through a patch', () => {
    const n = note('n1', 'x', T);
    const { state } = run([
      [put('note', n, T), agentA],
      [put('note', { ...n, id: 'other', deletedAt: T, text: 'y' } as never, T + 1, 1), agentA],
    ]);
    expect(state?.data).toMatchObject({ id: 'n1', text: 'y' });
    expect(state?.data.deletedAt).toBeUndefined();
  });
});

describe('rebaseRemote: a pulled record under the browser’s own unpushed change', () => {
  const remote = { data: { ...note('n1', 'server text', T), buyerId: BUYER, author: 'B' } };
  it('without a pending change the server’s record is taken', () => {
    expect(rebaseRemote(remote, { ...note('n1', 'old', T) }, undefined)).toEqual(remote.data);
  });
  it('pending fields stay as the browser has them', () => {
    const local = { ...note('n1', 'my text', T), author: 'A' };
    expect(rebaseRemote(remote, local, { fields: ['text'], delete: false })).toMatchObject({
      text: 'my text',
      author: 'B',
    });
  });
  it('a local deletion or a record made here waits for its push', () => {
    const local = { ...note('n1', 'x', T), deletedAt: T };
    expect(rebaseRemote(remote, local, { fields: [], delete: true })).toBeUndefined();
    expect(rebaseRemote(remote, local, { fields: 'all', delete: false })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../concerns';
import { DEFAULT_CONTACT_POLICY } from '../contact/schema';
import { DEFAULT_COUPON_RULES, DEFAULT_COUPONS } from '../coupons/defaults';
import { DEFAULT_REMINDER_RULES } from '../reminders/schema';
import { defaultTemplates, type Template } from '../templates';
import { diffPlaybook, type Choice } from './diff';
import { mergePlaybook } from './merge';
import { buildPack, packContents, parsePack, serializePack, type PlaybookContents } from './pack';

function contents(): PlaybookContents {
  return {
    templates: defaultTemplates(),
    coupons: structuredClone(DEFAULT_COUPONS),
    couponRules: structuredClone(DEFAULT_COUPON_RULES),
    taxonomy: defaultTaxonomy(),
    reminderRules: structuredClone(DEFAULT_REMINDER_RULES),
    contactPolicy: structuredClone(DEFAULT_CONTACT_POLICY),
  };
}

function newTemplate(id: string, body: string): Template {
  return {
    ...defaultTemplates()[0]!,
    id,
    title: `模板 ${id}`,
    shortcut: undefined,
    variants: { 'zh-CN': body },
    conditions: { concerns: ['size'] },
  };
}

/** Theirs as it arrives: through a pack file, so the test covers what import really sees. */
function viaPack(c: PlaybookContents): PlaybookContents {
  const parsed = parsePack(serializePack(buildPack(c, { name: 't', exportedBy: 'b', now: 9 })));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
  return packContents(parsed.pack);
}

describe('comparing playbooks', () => {
  it('finds nothing to do between two fresh profiles, whatever their usage', () => {
    const mine = contents();
    mine.templates[0]!.usageCount = 9;
    mine.templates[0]!.updatedAt = 12345;
    const diff = diffPlaybook(mine, viaPack(contents()));
    expect(diff.items).toEqual([]);
    expect(diff.unchanged).toBeGreaterThan(20);
  });

  it('lists what a pack adds, changes and removes, naming the changed fields', () => {
    const mine = contents();
    const theirs = contents();
    theirs.templates.push(newTemplate('t.new', '亲，{{buyer.nick}} 您好'));
    theirs.templates[0]!.variants['zh-CN'] += '！';
    theirs.templates[0]!.conditions = { ...theirs.templates[0]!.conditions, stages: ['silent'] };
    const removed = theirs.coupons.pop()!;
    const rate = theirs.coupons.find((c) => c.kind === 'discount')!;
    if (rate.kind === 'discount') rate.rate = 0.75;
    theirs.taxonomy!.concerns[0]!.rules['zh-CN']!.keywords.push('新词');
    theirs.reminderRules!.quietHours = { start: '21:00', end: '09:00' };

    const diff = diffPlaybook(mine, viaPack(theirs));
    const byKey = new Map(diff.items.map((i) => [i.key, i]));
    expect(byKey.get('template:t.new')?.change).toBe('add');
    const changed = byKey.get(`template:${mine.templates[0]!.id}`)!;
    expect(changed.change).toBe('change');
    expect(changed.fields).toEqual(['conditions.stages', 'variants.zh-CN']);
    expect(byKey.get(`coupon:${removed.id}`)?.change).toBe('remove');
    expect(byKey.get(`coupon:${rate.id}`)?.fields).toEqual(['rate']);
    expect(byKey.get(`concern:${mine.taxonomy!.concerns[0]!.id}`)?.fields).toEqual(['rules.zh-CN']);
    expect(byKey.get('reminderRules:reminderRules')?.fields).toEqual(['quietHours.end', 'quietHours.start']);
    expect(diff.items).toHaveLength(6);
  });

  it('applies defaults: adds and changes come in, removals keep mine', () => {
    const mine = contents();
    const theirs = contents();
    theirs.templates.push(newTemplate('t.new', '您好'));
    theirs.templates[0]!.title = '改过的标题';
    const gone = theirs.couponRules.pop()!;
    const diff = diffPlaybook(mine, viaPack(theirs));
    const { writes, summary } = mergePlaybook(mine, viaPack(theirs), diff, {}, { now: 100, editor: '主管' });
    expect(summary).toEqual({ added: 1, changed: 1, removed: 0, kept: 1 });
    expect(writes.templates.put.map((t) => t.id).sort()).toEqual([mine.templates[0]!.id, 't.new'].sort());
    expect(writes.couponRules.remove).toEqual([]);
    expect(gone.id).toBeTruthy();
  });

  it('follows per-item choices: keep mine for one conflict, take theirs for a removal', () => {
    const mine = contents();
    mine.templates[0]!.usageCount = 17;
    mine.templates[0]!.version = 4;
    const theirs = contents();
    theirs.templates[0]!.title = '他们的标题';
    theirs.templates[1]!.title = '另一个';
    const gone = theirs.coupons.pop()!;
    const t = viaPack(theirs);
    const diff = diffPlaybook(mine, t);
    const choices: Record<string, Choice> = {
      [`template:${mine.templates[1]!.id}`]: 'mine',
      [`coupon:${gone.id}`]: 'theirs',
    };
    const { writes, summary } = mergePlaybook(mine, t, diff, choices, { now: 100, editor: '主管' });
    expect(summary).toEqual({ added: 0, changed: 1, removed: 1, kept: 1 });
    const taken = writes.templates.put[0]!;
    expect(taken.title).toBe('他们的标题');
    // Usage is this profile's own; the version moves on from mine.
    expect([taken.usageCount, taken.version, taken.updatedBy, taken.updatedAt]).toEqual([17, 5, '主管', 100]);
    expect(writes.coupons.remove).toEqual([gone.id]);
  });

  it('never touches items an administrator locked, whatever the choice', () => {
    const mine = contents();
    Object.assign(mine.templates[0]!, { locked: true, source: 'managed' });
    const theirs = contents();
    theirs.templates[0]!.title = '想改锁定的';
    theirs.reminderRules!.sendTime = '11:00';
    const t = viaPack(theirs);
    const diff = diffPlaybook(mine, t, { lockedSettings: new Set(['reminderRules']) });
    expect(diff.items.every((i) => i.locked)).toBe(true);
    const all: Record<string, Choice> = Object.fromEntries(diff.items.map((i) => [i.key, 'theirs']));
    const { writes, summary } = mergePlaybook(mine, t, diff, all, { now: 1, editor: 'x' });
    expect(writes.templates.put).toEqual([]);
    expect(writes.reminderRules).toBeNull();
    expect(summary.kept).toBe(2);
  });

  it('merges concerns into my taxonomy in my order, new ones last', () => {
    const mine = contents();
    const theirs = contents();
    const [first, second] = theirs.taxonomy!.concerns;
    theirs.taxonomy!.concerns = theirs.taxonomy!.concerns.filter((c) => c !== first);
    theirs.taxonomy!.concerns.push({
      id: 'gift_wrap',
      names: { 'zh-CN': '礼品包装', 'zh-TW': '禮品包裝', en: 'Gift wrap' },
      enabled: true,
      weight: 1,
      rules: { 'zh-CN': { keywords: ['包装'], phrases: [], patterns: [], exclusions: [] } },
    });
    second!.weight = 2;
    const t = viaPack(theirs);
    const diff = diffPlaybook(mine, t);
    const { writes } = mergePlaybook(mine, t, diff, { [`concern:${first!.id}`]: 'theirs' }, { now: 1, editor: 'x' });
    const ids = writes.taxonomy!.concerns.map((c) => c.id);
    expect(ids).not.toContain(first!.id);
    expect(ids.at(-1)).toBe('gift_wrap');
    expect(ids.slice(0, -1)).toEqual(mine.taxonomy!.concerns.slice(1).map((c) => c.id));
    expect(writes.taxonomy!.concerns.find((c) => c.id === second!.id)?.weight).toBe(2);
  });

  it('gives a template deleted here and brought back by a pack the next version number', () => {
    const mine = contents();
    const victim = mine.templates[2]!;
    victim.deletedAt = 50;
    victim.version = 3;
    const t = viaPack(contents());
    const diff = diffPlaybook(mine, t);
    expect(diff.items.map((i) => [i.key, i.change])).toEqual([[`template:${victim.id}`, 'add']]);
    const { writes } = mergePlaybook(mine, t, diff, {}, { now: 1, editor: 'x' });
    expect(writes.templates.put[0]!.version).toBe(4);
    expect(writes.templates.put[0]).not.toHaveProperty('deletedAt');
  });
});

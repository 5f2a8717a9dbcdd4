import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../concerns';
import { DEFAULT_CONTACT_POLICY } from '../contact/schema';
import { DEFAULT_COUPON_RULES, DEFAULT_COUPONS } from '../coupons/defaults';
import { DEFAULT_REMINDER_RULES } from '../reminders/schema';
import { defaultTemplates } from '../templates';
import { buildPack, parsePack, serializePack, type PlaybookContents } from './pack';

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

describe('playbook packs', () => {
  it('round-trips a whole playbook through JSON text', () => {
    const c = contents();
    const pack = buildPack(c, { name: '总部话术', exportedBy: '主管', now: 1_700_000_000_000 });
    const back = parsePack(serializePack(pack));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.pack).toEqual(pack);
    expect(back.pack.templates.map((t) => t.id)).toEqual(c.templates.map((t) => t.id));
    expect(back.pack.taxonomy?.concerns.length).toBe(c.taxonomy!.concerns.length);
    expect(back.pack.reminderRules).toEqual(c.reminderRules);
  });

  it('leaves deleted records, usage, locked records and unknown fields at home', () => {
    const c = contents();
    c.templates[0]!.deletedAt = 5;
    c.templates[1]!.usageCount = 42;
    c.templates[1]!.lastUsedAt = 123;
    Object.assign(c.coupons[0]!, { locked: true, source: 'managed' });
    Object.assign(c.coupons[1]!, { note: 'a field no pack knows' });
    const pack = buildPack(c, { name: '', exportedBy: '', now: 1 });
    expect(pack.templates.some((t) => t.id === c.templates[0]!.id)).toBe(false);
    const shared = pack.templates.find((t) => t.id === c.templates[1]!.id)!;
    expect([shared.usageCount, shared.lastUsedAt]).toEqual([0, null]);
    // The administrator's locked coupon is the policy's to share, not this profile's.
    expect(pack.coupons.map((x) => x.id)).toEqual(c.coupons.slice(1).map((x) => x.id));
    expect(pack.coupons[0]).not.toHaveProperty('note');
  });

  it('tells a broken file, a foreign file, a newer version and invalid content apart', () => {
    expect(parsePack('{not json')).toEqual({ ok: false, problem: { kind: 'notJson' } });
    expect(parsePack('{"buyers": []}')).toEqual({ ok: false, problem: { kind: 'notAPack' } });
    const pack = buildPack(contents(), { name: '', exportedBy: '', now: 1 });
    expect(parsePack({ ...pack, version: 7 })).toEqual({ ok: false, problem: { kind: 'newerVersion', version: 7 } });
    const bad = parsePack({ ...pack, templates: [{ ...pack.templates[0], shortcut: 'no slash' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok && bad.problem.kind === 'invalid')
      expect(bad.problem.issues[0]?.path).toEqual(['templates', 0, 'shortcut']);
    else throw new Error('expected invalid');
  });

  it('refuses a pack with two templates of the same id', () => {
    const pack = buildPack(contents(), { name: '', exportedBy: '', now: 1 });
    const twice = { ...pack, templates: [pack.templates[0], pack.templates[0]] };
    expect(parsePack(twice).ok).toBe(false);
  });

  it('reads a pack saved with a byte-order mark (Windows editors add one)', () => {
    const text = '\uFEFF' + serializePack(buildPack(contents(), { name: 'x', exportedBy: '', now: 1 }));
    expect(parsePack(text).ok).toBe(true);
  });
});

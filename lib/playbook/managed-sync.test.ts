import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../concerns';
import { DEFAULT_COUPONS } from '../coupons';
import { defaultTemplates } from '../templates';
import { canonicalJson, Checksum } from './canonical';
import { judgePolicyRead, lockedSettingsOf, policyDrift, type StoredForPolicy } from './managed-sync';
import { buildPack, type PlaybookPack } from './pack';

const KEY = 'playbookPack';

function pack(): PlaybookPack {
  const template = { ...defaultTemplates()[0]!, id: 'hq.t', title: '总部' };
  const coupon = { ...structuredClone(DEFAULT_COUPONS[0]!), id: 'hq.c' };
  return buildPack(
    {
      templates: [template],
      coupons: [coupon],
      couponRules: [],
      taxonomy: defaultTaxonomy(),
      reminderRules: null,
      contactPolicy: null,
    },
    { name: 'HQ', exportedBy: 'IT', now: 1 },
  );
}

const checksumOf = (p: PlaybookPack) => new Checksum().update(canonicalJson({ ...p, exportedAt: 0 })).digest();

/** What applying `p` stores: its rows with the lock mark and fresh bookkeeping, its settings, the record. */
function applied(p: PlaybookPack): StoredForPolicy {
  const mark = { locked: true, source: 'managed' };
  return {
    templates: p.templates.map((t) => ({ ...t, version: t.version + 1, updatedAt: 99, updatedBy: 'IT', ...mark })),
    coupons: p.coupons.map((c) => ({ ...c, updatedAt: 99, ...mark })),
    couponRules: [],
    settings: { taxonomy: structuredClone(p.taxonomy) },
    applied: {
      checksum: checksumOf(p),
      lockedSettings: lockedSettingsOf(p),
      templates: p.templates.map((t) => t.id),
      coupons: p.coupons.map((c) => c.id),
      couponRules: [],
    },
  };
}

describe('reading the policy', () => {
  it('tells a removed policy from a read that failed', () => {
    expect(judgePolicyRead({ got: {} }, KEY)).toEqual({ kind: 'absent' });
    expect(judgePolicyRead({ got: { [KEY]: '' } }, KEY)).toEqual({ kind: 'absent' });
    expect(judgePolicyRead({ got: { [KEY]: '{"format":"x"}' } }, KEY)).toEqual({ kind: 'pack', raw: '{"format":"x"}' });
    expect(judgePolicyRead({ error: new Error('IO error') }, KEY)).toEqual({ kind: 'unreadable', reason: 'IO error' });
    expect(judgePolicyRead({ error: { message: 'Managed storage manifest not found' } }, KEY)).toEqual({
      kind: 'absent',
    });
  });
});

describe('comparing the stored playbook with the policy', () => {
  it('finds nothing to do when the stored rows say what the policy says, usage and bookkeeping aside', () => {
    const p = pack();
    const stored = applied(p);
    (stored.templates[0] as { usageCount: number }).usageCount = 12;
    expect(policyDrift(p, stored, checksumOf(p))).toEqual([]);
    expect(policyDrift(null, { templates: [], coupons: [], couponRules: [], settings: {}, applied: null }, '')).toEqual(
      [],
    );
  });

  it('names every row that differs from the policy, whatever the remembered checksum says', () => {
    const p = pack();
    const stored = applied(p);
    stored.templates = [{ ...stored.templates[0]!, title: '改过' }];
    stored.coupons = [{ ...stored.coupons[0]!, locked: undefined }];
    stored.settings = { taxonomy: { ...defaultTaxonomy(), minScore: 0.1 } };
    expect(policyDrift(p, stored, checksumOf(p))).toEqual(['template:hq.t', 'coupon:hq.c', 'setting:taxonomy']);
  });

  it('finds a deleted or missing locked row, a locked row the policy lacks, and a lost record of what was applied', () => {
    const p = pack();
    const stored = applied(p);
    stored.templates = [
      { ...stored.templates[0]!, deletedAt: 5 },
      { id: 'old.t', locked: true },
    ];
    stored.coupons = [];
    stored.applied = null;
    expect(policyDrift(p, stored, checksumOf(p))).toEqual([
      'template:hq.t',
      'unlock:template:old.t',
      'coupon:hq.c',
      'applied',
    ]);
    // No policy: locked rows left over are released.
    expect(policyDrift(null, { ...applied(p), applied: null }, '')).toEqual([
      'unlock:template:hq.t',
      'unlock:coupon:hq.c',
    ]);
  });
});

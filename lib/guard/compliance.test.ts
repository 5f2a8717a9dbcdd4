import { describe, expect, it } from 'vitest';
import { checkCompliance, describeFindings, resolveGuard, textFingerprint, type PlatformGuard } from './compliance';
import { guardListName, guardNames } from './names';
import { defaultGuardRules, GuardRulesSchema, type GuardRules } from './rules';

const rules = defaultGuardRules();
const guardFor = (platform: PlatformGuard['platform'], r: GuardRules = rules, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  resolveGuard(r, platform, guardNames(locale), (id) => guardListName(id, locale));
const taobao = guardFor('taobao');
const check = (text: string, guard = taobao, ctx = {}) => checkCompliance(text, guard, ctx);
const rulesOf = (text: string, guard = taobao) => check(text, guard).map((f) => f.rule);

describe('compliance guard', () => {
  it('names off-platform contact in the text, with the account id after 微信', () => {
    const [finding, ...rest] = check('加我微信 abc123');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'contact', kind: 'words', name: '站外联系方式' });
    expect(finding!.hits.map((h) => h.text)).toEqual(['加我', '微信', 'abc123']);
    expect(describeFindings([finding!], guardNames('zh-CN'))).toBe('站外联系方式：加我、微信、abc123');
    expect(describeFindings(check('add me on wechat', guardFor('taobao', rules, 'en')), guardNames('en'))).toBe(
      'Off-platform contact: wechat',
    );
  });

  it('finds phone numbers, e-mail addresses and QQ numbers, but not a number inside an order id', () => {
    expect(check('有问题打 138 1234 5678')[0]!.hits[0]!.text).toBe('138 1234 5678');
    expect(check('联系 0571-88886666 或 shop@example.com')[0]!.hits.map((h) => h.text)).toEqual([
      '0571-88886666',
      'shop@example.com',
    ]);
    expect(check('qq:12345678')[0]!.hits.map((h) => h.text)).toEqual(['qq', '12345678']);
    expect(rulesOf('订单号 4013812345678901234 已发货')).toEqual([]);
    expect(rulesOf('单号SF1381234567890')).toEqual([]);
  });

  it('reads through spacing, full-width letters and traditional characters', () => {
    expect(rulesOf('加 我 微 信')).toEqual(['contact']);
    expect(rulesOf('ＶＸ：shop_2024')).toEqual(['contact']);
    expect(rulesOf('國家級品質')).toEqual(['authority']);
  });

  it('flags absolute and medical claims, and leaves their everyday uses alone', () => {
    expect(rulesOf('这款是全网最好的')).toEqual(['absolute']);
    expect(rulesOf('销量第一，国家级工艺，能治疗湿疹')).toEqual(['absolute', 'authority', 'medical']);
    expect(rulesOf('第一次用最好先在耳后试一下')).toEqual([]);
    expect(rulesOf('面料是100%纯棉')).toEqual([]);
    expect(rulesOf('100%有效')).toEqual(['absolute']);
    expect(rulesOf('加我们店铺会员有优惠')).toEqual([]);
    // Latin words only as whole words: "qq" is not inside "qqq", "wx" not inside "wxyz".
    expect(rulesOf('型号 wxyz-12')).toEqual([]);
  });

  it('applies each list on its platforms only', () => {
    expect(rulesOf('这是最好的', guardFor('shopee'))).toEqual([]);
    expect(rulesOf('加我微信 abc123', guardFor('shopee'))).toEqual(['contact']);
    expect(rulesOf('加我微信 abc123', guardFor('shopify'))).toEqual([]);
    const off: GuardRules = {
      ...rules,
      lists: rules.lists.map((l) => (l.id === 'contact' ? { ...l, enabled: false } : l)),
    };
    expect(rulesOf('加我微信 abc123', guardFor('taobao', off))).toEqual([]);
  });

  it("uses a supervisor's own list under its own name", () => {
    const own = GuardRulesSchema.parse({
      ...rules,
      lists: [...rules.lists, { id: 'shop-words', name: '店铺禁用词', words: ['秒杀价'] }],
    });
    const found = check('今天秒杀价', guardFor('jd', own));
    expect(found).toMatchObject([
      { rule: 'shop-words', name: '店铺禁用词', hits: [{ text: '秒杀价', start: 2, end: 5 }] },
    ]);
  });

  it('notes a reply that repeats the last one, or went to many buyers, from ten characters on', () => {
    const text = '亲，您的包裹已经发出，请注意查收哦';
    expect(check(text, taobao, { lastAgentText: '亲,您的包裹已经发出, 请注意查收哦!' }).map((f) => f.rule)).toEqual([
      'repeat',
    ]);
    expect(check('好的', taobao, { lastAgentText: '好的' })).toEqual([]);
    expect(check(text, taobao, { sameTextBuyers: 50 })).toEqual([]);
    const shopee = guardFor('shopee');
    expect(check(text, shopee, { sameTextBuyers: 9 })).toEqual([]);
    expect(check(text, shopee, { sameTextBuyers: 10 })).toMatchObject([
      { rule: 'repeatBuyers', name: '相同内容近期已发给 10 位买家' },
    ]);
    // Or from the texts the sidebar lists for the open buyer (SuggestionContext.sameText), by fingerprint.
    const listed = { ...shopee, sameText: [{ fingerprint: textFingerprint(text), buyers: 12 }] };
    expect(check(`${text}！`, listed).map((f) => f.name)).toEqual(['相同内容近期已发给 12 位买家']);
    expect(check('亲，这款偏小一码，建议拍大一码哦', listed)).toEqual([]);
    expect(check(text, { ...taobao, sameText: listed.sameText })).toEqual([]);
    expect(textFingerprint('亲，包裹 已发出！')).toBe(textFingerprint('亲,包裹已发出'));
    expect(textFingerprint('亲，包裹已发出')).not.toBe(textFingerprint('亲，包裹未发出'));
  });

  it("holds text to the platform's length and messages in a row", () => {
    const shopee = guardFor('shopee');
    expect(check('好'.repeat(601), shopee).map((f) => f.name)).toEqual(['超出长度（601/600 字）']);
    expect(check('😀'.repeat(600), shopee)).toEqual([]);
    expect(check('好的', shopee, { agentMessagesInARow: 5 }).map((f) => f.name)).toEqual([
      '已连续发 5 条（上限 5 条）',
    ]);
    expect(check('好的', taobao, { agentMessagesInARow: 20 })).toEqual([]);
  });

  it('gives hits as offsets into the original text', () => {
    const text = '亲～　加 我 微 信：abc_123 哦';
    const hits = check(text)[0]!.hits;
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.text);
    expect(hits.map((h) => h.text)).toEqual(['加 我', '微 信', 'abc_123']);
  });
});

describe('guard rules', () => {
  it('parse as stored, refuse a duplicate id or an empty word, and keep the lists in the shape the editor writes', () => {
    expect(GuardRulesSchema.safeParse(rules).success).toBe(true);
    const dup = GuardRulesSchema.safeParse({ ...rules, lists: [rules.lists[0], rules.lists[0]] });
    expect(dup.success ? [] : dup.error.issues.map((i) => i.message)).toContain('guard_duplicateId');
    const empty = GuardRulesSchema.safeParse({ ...rules, lists: [{ ...rules.lists[0], words: ['  '] }] });
    expect(empty.success ? [] : empty.error.issues.map((i) => i.message)).toContain('guard_emptyWord');
  });
});

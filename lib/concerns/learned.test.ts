import { describe, expect, it } from 'vitest';
import { compileTaxonomy } from './compile';
import { defaultModel } from './default-model';
import { DEFAULT_CONCERN_IDS, defaultTaxonomy } from './defaults/index';
import { detect } from './detect';
import { cueKeys, featureKeys } from './features';
import { normalize } from './normalize';
import { parseModel, serializeModel, type ConcernModel } from './model';
import { TaxonomySchema, type Taxonomy, type TaxonomyInput } from './taxonomy';

const shipped = compileTaxonomy(defaultTaxonomy());
const ids = (text: string) =>
  detect(text, shipped)
    .map((d) => d.concern)
    .sort();

/** A hand-made model over the default concern ids: `weights` maps n-grams to {concern: weight}. */
function tinyModel(
  weights: Record<string, Record<string, number>>,
  options: { threshold?: number; keep?: Record<string, number> } = {},
): ConcernModel {
  const concerns = [...DEFAULT_CONCERN_IDS];
  const flat = new Map<string, number[]>();
  for (const [key, byConcern] of Object.entries(weights))
    flat.set(
      key,
      Object.entries(byConcern).flatMap(([id, w]) => [concerns.indexOf(id as (typeof concerns)[number]), w]),
    );
  return {
    trainedOn: 'test',
    concerns,
    bias: concerns.map(() => -4),
    threshold: concerns.map(() => options.threshold ?? 0.5),
    keep: concerns.map((id) => options.keep?.[id] ?? 0),
    weights: flat,
  };
}

function edited(change: (input: TaxonomyInput) => void): Taxonomy {
  const input = structuredClone(defaultTaxonomy()) as TaxonomyInput;
  change(input);
  return TaxonomySchema.parse(input);
}

describe('how buyers write', () => {
  it.each([
    ['件褸係咪偏大', 'size'],
    ['黑色有冇貨呀', 'stock'],
    ['寄咗未呀', 'shipping'],
    ['請問可以打統編嗎', 'invoice'],
  ])('reads traditional characters and Cantonese: %s', (text, id) => {
    expect(ids(text)).toContain(id);
  });

  it.each([
    ['zp吗 别骗我', 'authenticity'],
    ['yhq在哪领', 'price'],
    ['fh了吗', 'shipping'],
    ['tk申请好几天了', 'return_refund'],
  ])('reads pinyin abbreviations: %s', (text, id) => {
    expect(ids(text)).toContain(id);
  });

  it.each([
    ['你们什么时候花货', 'shipping'],
    ['推款怎么操作', 'return_refund'],
  ])('forgives voice-input homophones: %s', (text, id) => {
    expect(ids(text)).toContain(id);
  });

  it.each([
    ['does it run small?', 'size'],
    ['this size偏大吗', 'size'],
    ['refund了吗', 'return_refund'],
  ])('reads English and mixed messages: %s', (text, id) => {
    expect(ids(text)).toContain(id);
  });

  it.each([
    '发货很快，点赞',
    '质量不错 下次还来',
    '宝贝收到了',
    'love the color, thanks',
    '效果图挺好看',
    '没有色差，很喜欢',
  ])('does not flag praise or a mention that is not a concern: %s', (text) => {
    expect(ids(text)).toEqual([]);
  });

  it('still hears a complaint that negates praise', () => {
    expect(ids('质量不太好')).toContain('quality');
    expect(ids('不是很满意 颜色跟图片差很多')).toContain('photo_match');
  });

  it('keeps every topic of a message that asks several things', () => {
    expect(ids('Is it genuine? Any discount? When do you ship?')).toEqual(['authenticity', 'price', 'shipping']);
    expect(ids('是正品吗？能便宜点吗？几天到？')).toEqual(['authenticity', 'price', 'shipping']);
  });
});

describe('the learned model inside the detector', () => {
  it('adds a concern the rules miss, naming its strongest n-gram and probability', () => {
    const taxonomy = defaultTaxonomy();
    const text = '袖口那里有点勒';
    expect(detect(text, compileTaxonomy(taxonomy, { model: null })).map((d) => d.concern)).not.toContain('size');
    const found = detect(text, compileTaxonomy(taxonomy, { model: tinyModel({ 勒: { size: 6 } }) }));
    const size = found.find((d) => d.concern === 'size')!;
    expect(size.rule).toMatch(/^model "勒" p=0\.\d\d$/);
    expect(text.slice(...size.span)).toBe('勒');
  });

  it('applies the closing rule and the exclusions to what the model finds', () => {
    const model = tinyModel({ 袖口: { size: 6 } });
    expect(detect('袖口的事不用问了', compileTaxonomy(defaultTaxonomy(), { model }))).toEqual([]);
    const excluded = edited((t) => t.concerns.find((c) => c.id === 'size')!.rules!['zh-CN']!.exclusions!.push('袖口'));
    expect(detect('袖口有点勒吗', compileTaxonomy(excluded, { model })).map((d) => d.concern)).not.toContain('size');
  });

  it('may overrule a default rule, never a rule the shop wrote itself', () => {
    // A model that doubts every default size rule ("keep" above any probability it gives).
    const model = tinyModel({}, { keep: { size: 0.99 } });
    const text = '尺码偏大吗';
    expect(detect(text, compileTaxonomy(defaultTaxonomy(), { model })).map((d) => d.concern)).not.toContain('size');
    const own = edited((t) => t.concerns.find((c) => c.id === 'size')!.rules!['zh-CN']!.keywords!.push('偏大吗'));
    expect(detect(text, compileTaxonomy(own, { model })).map((d) => d.concern)).toContain('size');
  });

  it('does not overrule a finding that rests only on typos it cannot read', () => {
    const model = tinyModel({}, { keep: { size: 0.99 } });
    const matcher = compileTaxonomy(defaultTaxonomy(), { model });
    expect(detect('尺吗怎么选', matcher).map((d) => d.concern)).toContain('size');
    expect(detect('尺码怎么选', matcher).map((d) => d.concern)).not.toContain('size');
  });

  it('hears whether a message asks anything, and whether it closes a topic', () => {
    expect(cueKeys(normalize('发票能开吗').text)).toEqual(['§q']);
    expect(cueKeys(normalize('有货没').text)).toEqual(['§q']);
    expect(cueKeys(normalize('is the size M sold out').text)).toEqual(['§q']);
    expect(cueKeys(normalize('发票收到了，谢谢').text)).toEqual(['§s', '§cs']);
    expect(cueKeys(normalize('不是很满意 颜色跟图片差很多').text)).toEqual(['§s']);
  });

  it('leaves a concern the shop added to its rules', () => {
    const taxonomy = edited((t) =>
      t.concerns.push({
        id: 'gift_wrap',
        names: { 'zh-CN': '礼品包装', 'zh-TW': '禮品包裝', en: 'Gift wrap' },
        rules: { 'zh-CN': { keywords: ['礼盒'] } },
      }),
    );
    const matcher = compileTaxonomy(taxonomy, { model: tinyModel({}, { keep: { size: 0.99 } }) });
    expect(detect('有礼盒吗', matcher).map((d) => d.concern)).toEqual(['gift_wrap']);
  });

  it('reads the same features in training and detection, spaced-out writing included', () => {
    expect(featureKeys('尺 码 偏 大')).toEqual(featureKeys('尺码偏大'));
    expect(featureKeys('SIZES M?')).toEqual(featureKeys('size m'));
    expect(featureKeys('有货吗 什么时候发')).not.toContain('吗什');
  });

  it('round-trips through its text form, which is what ships', () => {
    const model = defaultModel();
    const again = parseModel(serializeModel(model));
    expect(again.concerns).toEqual(model.concerns);
    expect(again.threshold).toEqual(model.threshold);
    expect(again.keep).toEqual(model.keep);
    expect(again.weights.size).toBe(model.weights.size);
    const [key, flat] = [...model.weights][0]!;
    expect(again.weights.get(key)).toEqual(flat);
  });
});

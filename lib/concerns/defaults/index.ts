import { TaxonomySchema, type Taxonomy } from '../taxonomy';
import { PRODUCT_CONCERNS } from './product';
import { SERVICE_CONCERNS } from './service';

/** Homophone and look-alike misspellings buyers type with pinyin input (尺码 → 尺吗). */
export const DEFAULT_TYPOS: Record<string, string[]> = {
  尺码: ['尺吗', '尺马', '尺玛', '齿码'],
  码数: ['马数', '吗数'],
  正品: ['正评', '正拼', '证品', '正聘', '正频'],
  真品: ['真评'],
  假货: ['假获'],
  发货: ['法货', '发获', '花货', '发火'],
  快递: ['快第', '快地', '快滴'],
  发票: ['发漂', '发飘', '法票'],
  开票: ['开漂'],
  售后: ['受后', '手后', '兽后'],
  保修: ['宝修', '保休'],
  质保: ['质宝'],
  退货: ['腿货', '退获', '退或', '推货'],
  退款: ['退宽', '腿款', '推款'],
  色差: ['色茶', '色岔', '色叉'],
  褪色: ['蜕色'],
  质量: ['治量', '质亮', '直量'],
  效果: ['效过', '笑果', '校果'],
  优惠: ['优会', '有惠', '优汇', '由惠'],
  惠券: ['惠卷', '惠劵'],
  领券: ['领卷'],
  便宜: ['便意', '便谊'],
  现货: ['现获'],
  补货: ['补或', '补获'],
  敏感: ['明感', '敏敢'],
  孕妇: ['运妇'],
  婴儿: ['应儿'],
  过敏: ['过民'],
  偏大: ['篇大', '片大'],
  偏小: ['篇小', '片小'],
  怎么: ['怎莫', '怎末', '肿么', '怎嚒'],
  包邮: ['包油', '包由'],
  库存: ['库村'],
  发过来: ['法过来'],
  到哪: ['到那'],
};

export { DEFAULT_CONCERN_IDS } from './ids';

/** The taxonomy a new shop starts with; supervisors edit a copy. */
export function defaultTaxonomy(): Taxonomy {
  return TaxonomySchema.parse({
    version: 1,
    minScore: 0.5,
    typos: DEFAULT_TYPOS,
    concerns: [...PRODUCT_CONCERNS, ...SERVICE_CONCERNS],
  });
}

/**
 * The demo shop and what it sells. Brand and shop names are invented; titles are written the way
 * Taobao sellers stuff keywords into them, because importers and the sidebar must cope with that.
 */
export type DemoCategory = 'clothing' | 'cosmetics' | 'baby';

export interface DemoProduct {
  id: string;
  category: DemoCategory;
  /** Full listing title as it appears in exports and product cards. */
  title: string;
  /** What a buyer or agent calls it in chat. */
  short: string;
  priceCents: number;
  /** Colour of the image placeholder in the console (no real images are shipped). */
  color: string;
}

export const DEMO_SHOP = {
  id: '63018852',
  name: '暖柚家 女装美妆母婴店',
  /** Shown in the console's top bar. */
  agentNick: '暖柚家:小柚',
} as const;

export const CATEGORY_NAMES: Record<DemoCategory, string> = {
  clothing: '女装',
  cosmetics: '美妆护肤',
  baby: '母婴用品',
};

const p = (
  id: string,
  category: DemoCategory,
  title: string,
  short: string,
  yuan: number,
  color: string,
): DemoProduct => ({
  id,
  category,
  title,
  short,
  priceCents: Math.round(yuan * 100),
  color,
});

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  p('c101', 'clothing', '暖柚 秋冬高领加厚针织毛衣女宽松慵懒风外穿打底衫', '高领针织毛衣', 129, '#c9a27e'),
  p('c102', 'clothing', '暖柚 法式碎花连衣裙女春夏收腰显瘦中长款茶歇裙', '碎花连衣裙', 159, '#e6a0a8'),
  p('c103', 'clothing', '暖柚 高腰直筒牛仔裤女宽松显瘦阔腿拖地裤', '高腰牛仔裤', 119, '#6f8fb5'),
  p('c104', 'clothing', '暖柚 双面羊毛大衣女中长款气质赫本风呢子外套', '双面羊毛大衣', 599, '#8b6b5c'),
  p('c105', 'clothing', '暖柚 纯棉短袖T恤女宽松百搭打底上衣ins', '纯棉短袖T恤', 49.9, '#d8d8d0'),
  p('c106', 'clothing', '暖柚 轻薄羽绒服女短款白鸭绒立领外套', '轻薄羽绒服', 399, '#7a8a99'),
  p('c107', 'clothing', '暖柚 百褶半身裙女秋冬A字中长款高腰', '百褶半身裙', 99, '#5d5d6b'),
  p('c108', 'clothing', '暖柚 加绒连帽卫衣女宽松oversize加厚', '加绒连帽卫衣', 139, '#9db6a0'),
  p('c109', 'clothing', '暖柚 孕妇连衣裙春秋款宽松显瘦孕期长裙', '孕妇连衣裙', 169, '#b9a3c9'),
  p('c110', 'clothing', '暖柚 真丝衬衫女长袖垂感通勤桑蚕丝上衣', '真丝衬衫', 329, '#efe6d2'),
  p('c111', 'clothing', '暖柚 针织开衫女秋季短款外搭小香风', '短款针织开衫', 109, '#d9b99b'),
  p('c112', 'clothing', '暖柚 加绒打底裤女外穿秋冬加厚显瘦', '加绒打底裤', 59, '#3f3f46'),
  p('m201', 'cosmetics', '柚见 玻尿酸补水保湿精华液30ml 提亮肤色', '玻尿酸精华液', 169, '#a8d3e6'),
  p('m202', 'cosmetics', '柚见 氨基酸洗面奶温和清洁120g 敏感肌可用', '氨基酸洗面奶', 59, '#cfe8d5'),
  p('m203', 'cosmetics', '柚见 烟酰胺亮肤身体乳250ml 保湿滋润', '烟酰胺身体乳', 79, '#f3dcc4'),
  p('m204', 'cosmetics', '柚见 丝绒雾面口红哑光不易脱色 #316豆沙', '丝绒口红', 89, '#b24a5a'),
  p('m205', 'cosmetics', '柚见 清透防晒霜SPF50+ PA++++ 50ml 军训户外', '清透防晒霜', 119, '#f5e6a8'),
  p('m206', 'cosmetics', '柚见 屏障修护面霜50g 敏感肌泛红干燥', '修护面霜', 229, '#e8e0f0'),
  p('m207', 'cosmetics', '柚见 水润气垫BB霜遮瑕持妆 自然色', '气垫BB霜', 139, '#e9c9a8'),
  p('m208', 'cosmetics', '柚见 温和卸妆油200ml 深层清洁', '卸妆油', 99, '#f0d78c'),
  p('m209', 'cosmetics', '柚见 补水保湿面膜10片装 熬夜急救', '补水面膜', 69, '#bfe3f0'),
  p('m210', 'cosmetics', '柚见 淡纹紧致眼霜20g', '紧致眼霜', 259, '#d7c4e8'),
  p('m211', 'cosmetics', '柚见 护手霜礼盒3支装 保湿不油腻', '护手霜礼盒', 39.9, '#f7c6c7'),
  p('m212', 'cosmetics', '柚见 焕颜护肤套装水乳霜礼盒 送女友', '焕颜护肤套装', 699, '#e3b7a0'),
  p('b301', 'baby', '柚宝 婴儿纯棉连体衣新生儿哈衣秋冬加厚', '纯棉连体衣', 79, '#f6e3b4'),
  p('b302', 'baby', '柚宝 婴儿手口专用湿巾80抽×6包 无酒精', '手口湿巾', 45.9, '#d4ecf7'),
  p('b303', 'baby', '柚宝 宝宝硅胶软勺辅食喂养勺2支装', '硅胶软勺', 29.9, '#bde0c4'),
  p('b304', 'baby', '柚宝 防胀气玻璃奶瓶宽口径240ml 新生儿', '玻璃奶瓶', 98, '#cde4f5'),
  p('b305', 'baby', '柚宝 儿童牙膏可吞咽 草莓味 2-12岁', '儿童牙膏', 32, '#fbd1dc'),
  p('b306', 'baby', '柚宝 婴儿护臀膏30g 红屁屁', '护臀膏', 49, '#fff1c9'),
  p('b307', 'baby', '柚宝 宝宝学步鞋软底防滑 春秋款', '软底学步鞋', 89, '#f4c9a6'),
  p('b308', 'baby', '柚宝 婴儿分腿睡袋四季通用 恒温防踢被', '分腿睡袋', 168, '#c9d6f2'),
  p('b309', 'baby', '柚宝 宝宝辅食机蒸煮搅拌一体', '辅食机', 399, '#e0e6ea'),
  p('b310', 'baby', '柚宝 婴儿推车轻便可坐可躺 一键折叠', '婴儿推车', 899, '#8fa3b8'),
  p('b311', 'baby', '柚宝 超薄透气纸尿裤L码 54片', '纸尿裤L码', 129, '#e2f0fb'),
  p('b312', 'baby', '柚宝 儿童安全座椅 0-12岁 ISOFIX接口', '儿童安全座椅', 1299, '#4a5568'),
];

export function productsOf(category: DemoCategory): DemoProduct[] {
  return DEMO_PRODUCTS.filter((product) => product.category === category);
}

export function productById(id: string): DemoProduct {
  const product = DEMO_PRODUCTS.find((item) => item.id === id);
  if (!product) throw new Error(`demo catalog: no product ${id}`);
  return product;
}

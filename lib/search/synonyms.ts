/**
 * Words an agent types into the search box when looking for the answer to a buyer's concern, by
 * concern id. The concern taxonomy's own keywords and phrases count as well (lib/search/meaning.ts
 * reads them from the taxonomy the supervisor edits), so this table only adds what a buyer would
 * not write but an agent searching for the answer would: the name of the topic (`退换货`, `物流`),
 * the policy (`七天无理由`), the English word. Plain data: a concern the taxonomy lacks is ignored,
 * a concern without an entry here is found by its taxonomy words alone.
 */
export const CONCERN_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  size: ['尺码', '码数', '尺寸', '大小', '偏大', '偏小', '身高体重', '码表', '尺码表', 'size', 'fit', 'sizing'],
  photo_match: ['色差', '实物', '实拍', '图片', '照片', '颜色', '和图一样', 'photo', 'colour', 'color'],
  quality: ['质量', '品质', '做工', '面料', '材质', '起球', '掉色', '缩水', 'quality', 'material'],
  authenticity: ['正品', '真假', '假货', '防伪', '授权', '保真', 'authentic', 'genuine', 'fake'],
  efficacy: ['效果', '功效', '见效', '有用', '作用', 'effect', 'results'],
  skin_safety: ['过敏', '敏感', '敏感肌', '刺激', '温和', '成分', '肤质', '泛红', '烂脸', 'allergy', 'allergic', 'sensitive skin'],
  baby_safety: ['宝宝', '婴儿', '孕妇', '孕期', '哺乳', '儿童', '安全', '检测报告', 'baby', 'pregnant', 'pregnancy'],
  usage: ['用法', '使用方法', '怎么用', '安装', '教程', '说明书', '步骤', 'how to use', 'instructions', 'install'],
  shipping: ['发货', '快递', '物流', '到货', '多久到', '几天到', '什么时候到', '配送', '单号', '寄出', '时效', '包邮', 'shipping', 'delivery', 'tracking', 'courier'],
  after_sales: ['售后', '保修', '质保', '维修', '坏了', '保固', 'warranty', 'repair', 'broken'],
  return_refund: ['退货', '退款', '退换', '换货', '退换货', '退钱', '七天无理由', '7天无理由', '无理由退换', '寄回', 'return', 'refund', 'exchange'],
  price: ['价格', '优惠', '优惠券', '折扣', '便宜', '降价', '满减', '会员价', '差价', 'price', 'discount', 'coupon', 'cheaper'],
  stock: ['库存', '有货', '缺货', '补货', '现货', '预售', '到货通知', 'stock', 'restock', 'in stock'],
  invoice: ['发票', '开票', '抬头', '税号', '专票', '普票', '收据', 'invoice', 'receipt', 'fapiao'],
};

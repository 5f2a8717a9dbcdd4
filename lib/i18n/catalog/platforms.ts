import type { Catalog } from '../types';

/** Platform names as agents and supervisors read them (lib/i18n/platforms.ts). */
export const platforms = {
  platform_taobao: { zh: '淘宝/天猫', en: 'Taobao/Tmall' },
  platform_pinduoduo: { zh: '拼多多', en: 'Pinduoduo' },
  platform_douyin: { zh: '抖店', en: 'Douyin' },
  platform_jd: { zh: '京东', en: 'JD' },
  platform_shopee: { zh: 'Shopee', en: 'Shopee' },
  platform_shopify: { zh: 'Shopify', en: 'Shopify' },
  platform_other: { zh: '其他', en: 'Other' },
} satisfies Catalog;

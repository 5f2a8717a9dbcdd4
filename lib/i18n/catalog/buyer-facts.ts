import type { Catalog } from '../types';

/**
 * Facts no export has, entered by people: a buyer's birthday (sidebar), the shop anniversary
 * (settings) and the product → category table (concerns page).
 */
export const buyerFacts = {
  // Sidebar: the buyer's birthday.
  birthday_title: { zh: '生日', en: 'Birthday' },
  birthday_none: { zh: '未填写', en: 'Not known' },
  birthday_add: { zh: '填写', en: 'Add' },
  birthday_edit: { zh: '修改', en: 'Edit' },
  birthday_remove: { zh: '删除', en: 'Remove' },
  birthday_save: { zh: '保存', en: 'Save' },
  birthday_cancel: { zh: '取消', en: 'Cancel' },
  birthday_month: { zh: '月', en: 'Month' },
  birthday_day: { zh: '日', en: 'Day' },
  birthday_year: { zh: '年（选填）', en: 'Year (optional)' },
  birthday_value: { zh: '{month}月{day}日', en: '{month}/{day}' },
  birthday_valueYear: { zh: '{year}年{month}月{day}日', en: '{month}/{day}/{year}' },
  birthday_hint: {
    zh: '买家告诉过你的生日。生日当天会有“生日问候”提醒（可在“优惠与提醒”里关闭）。',
    en: 'As the buyer told you. A birthday greeting reminder comes on the day (it can be turned off under Offers & reminders).',
  },
  birthday_badDate: { zh: '这个月没有这一天', en: 'That month has no such day' },
  birthday_badYear: { zh: '年份不对：生日应在今天之前', en: 'That year is wrong: the birthday must be before today' },

  // Settings: the shop anniversary.
  anniv_title: { zh: '店庆日', en: 'Shop anniversary' },
  anniv_help: {
    zh: '每年这一天，优惠规则里的“店庆日”条件成立（默认规则“店庆全员7折”向所有买家推荐店庆7折券），联系规则若把店庆当作大促，营销消息的频率上限当天放宽。',
    en: 'On this day every year, coupon rules on "shop anniversary" apply (the default rule offers every buyer the 30%-off anniversary coupon), and if the contact rules treat it as a big promotion, the marketing cap is lifted that day.',
  },
  anniv_none: { zh: '未设置：店庆规则不会生效', en: 'Not set: anniversary rules never apply' },
  anniv_current: { zh: '每年 {month}月{day}日', en: 'Every year on {month}/{day}' },
  anniv_month: { zh: '月', en: 'Month' },
  anniv_day: { zh: '日', en: 'Day' },
  anniv_save: { zh: '保存店庆日', en: 'Save anniversary' },
  anniv_clear: { zh: '不设置', en: 'Clear' },
  anniv_saved: { zh: '已保存', en: 'Saved' },
  anniv_bad: { zh: '这个月没有这一天', en: 'That month has no such day' },

  // Concerns page: the product → category table.
  cat_title: { zh: '商品类目表', en: 'Product categories' },
  cat_help: {
    zh: '关注点导出和看板按买家最近购买商品的类目筛选和汇总，类目来自这张表：每行一个商品（商品ID、商家编码、完整标题，或标题里的关键词，如“连衣裙”）和它的类目。没有逐个列出的商品，按标题里最长的关键词归类。',
    en: "The concern export and the dashboard filter and group by the category of the buyer's latest item, from this table: one product per row (product id, SKU, full title, or a word of titles such as 'dress') and its category. A product not listed itself is categorised by the longest table word in its title.",
  },
  cat_import: { zh: '导入 CSV', en: 'Import CSV' },
  cat_importHint: {
    zh: '两列：商品、类目（第一行可以是表头“商品,类目”）。Excel 另存为 CSV 即可（UTF-8 或 GBK）。同一商品已在表里的，以新文件为准。',
    en: 'Two columns: product, category (the first row may be the header "product,category"). Save from Excel as CSV (UTF-8 or GBK). A product already in the table takes the new category.',
  },
  cat_imported: {
    zh: '已导入 {file}：新增 {added}，更新 {changed}，未变 {unchanged}',
    en: 'Imported {file}: {added} added, {changed} changed, {unchanged} unchanged',
  },
  cat_importFailed: { zh: '{file} 没有可导入的行', en: '{file} has no row to import' },
  cat_issueAt: { zh: '{file} 第{line}行第{column}列：{message}', en: '{file} line {line}, column {column}: {message}' },
  cat_issueFile: { zh: '{file}：{message}', en: '{file}: {message}' },
  cat_issuesMore: { zh: '还有 {count} 条', en: '{count} more' },
  categories_notText: {
    zh: '不是文本表格（请在 Excel 里“另存为 CSV”）',
    en: 'not a text table (in Excel, "Save as CSV")',
  },
  categories_empty: { zh: '文件是空的', en: 'the file is empty' },
  categories_tooFewColumns: {
    zh: '只有 {count} 列，需要 {needed} 列（商品、类目），这一行没有导入',
    en: 'only {count} columns where {needed} are needed (product, category); row skipped',
  },
  categories_missingProduct: { zh: '商品是空的，这一行没有导入', en: 'the product is empty; row skipped' },
  categories_missingCategory: { zh: '类目是空的，这一行没有导入', en: 'the category is empty; row skipped' },
  categories_tooLong: { zh: '超过 {max} 个字，这一行没有导入', en: 'longer than {max} characters; row skipped' },
  categories_duplicate: {
    zh: '与第{first}行是同一商品，以这一行为准',
    en: 'the same product as line {first}; this row wins',
  },
  categories_badQuote: { zh: '引号没有配对，这一行可能读错了', en: 'unbalanced quote; this row may be misread' },
  cat_product: { zh: '商品（ID、编码、标题或关键词）', en: 'Product (id, SKU, title or word)' },
  cat_category: { zh: '类目', en: 'Category' },
  cat_add: { zh: '添加', en: 'Add' },
  cat_remove: { zh: '删除', en: 'Remove' },
  cat_clear: { zh: '清空类目表', en: 'Clear the table' },
  cat_clearConfirm: { zh: '再点一次清空全部 {count} 行', en: 'Click again to remove all {count} rows' },
  cat_count: { zh: '{count} 个商品，{categories} 个类目', en: '{count} products, {categories} categories' },
  cat_empty: { zh: '还没有类目表：导入 CSV 或在上面逐行添加。', en: 'No table yet: import a CSV or add rows above.' },
  cat_search: { zh: '搜索商品或类目', en: 'Search products or categories' },
  cat_shown: { zh: '显示前 {shown} 行，共 {count} 行', en: 'Showing {shown} of {count} rows' },
  cat_exportNone: {
    zh: '还没有商品类目表（见下方“商品类目表”）',
    en: 'No product category table yet (see "Product categories" below)',
  },
} satisfies Catalog;

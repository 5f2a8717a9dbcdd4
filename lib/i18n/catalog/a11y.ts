import type { Catalog } from '../types';

/** Names that only assistive technology reads: fields in table rows, tab lists, scroll regions. */
export const a11y = {
  a11y_cell: { zh: '{row}：{column}', en: '{row}: {column}' },
  a11y_row: { zh: '第 {n} 行', en: 'Row {n}' },
  a11y_count: { zh: '次数', en: 'Count' },
  a11y_days: { zh: '天数', en: 'Days' },
  a11y_hours: { zh: '小时数', en: 'Hours' },
  a11y_min: { zh: '最少', en: 'Minimum' },
  a11y_max: { zh: '最多', en: 'Maximum' },
  a11y_stageEnd: { zh: '{stage}阶段最后一天', en: 'Last day of {stage}' },
  a11y_layerOf: { zh: '{segment}归入的分层', en: 'Layer for {segment}' },
  a11y_previewLang: { zh: '预览语言', en: 'Preview language' },
  a11y_previewSource: { zh: '预览数据来源', en: 'Preview data' },
  a11y_newBuyer: { zh: '新客或老客', en: 'New or returning buyer' },
  a11y_variantLang: { zh: '模板语言版本', en: 'Template language variants' },
  a11y_validity: { zh: '有效期类型', en: 'Validity type' },
  a11y_segmentView: { zh: '分群方式', en: 'Segment view' },
  a11y_termLang: { zh: '词语的语言', en: 'Language of the terms' },
  a11y_outcomeWindow: { zh: '统计时长', en: 'Period' },
  a11y_concernsBy: { zh: '按商品或类目', en: 'By item or category' },
  a11y_hasErrors: { zh: '有错误', en: 'has errors' },
  a11y_mainNav: { zh: '工作台导航', en: 'Workspace sections' },
} satisfies Catalog;

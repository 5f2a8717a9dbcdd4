import type { Catalog } from '../types';

/** Strings of select text → concern (sidebar) and the labelled examples' export (工作台 → 顾虑). */
export const corrections = {
  mk_open: { zh: '标记漏识别的关注点', en: 'Mark a missed concern' },
  mk_close: { zh: '收起', en: 'Close' },
  mk_help: {
    zh: '在买家的消息里选中说到关注点的文字，选择关注点后保存。会记为这位买家的关注点，并作为标注样本供主管导出。',
    en: "Select the words in a buyer message that raise a concern, pick the concern and save. It is saved as this buyer's concern and kept as a labelled example the supervisor can export.",
  },
  mk_noMessages: { zh: '这段会话还没有买家消息', en: 'No buyer messages in this chat yet' },
  mk_picked: { zh: '已选：{text}', en: 'Selected: {text}' },
  mk_pickFirst: { zh: '先在上面的买家消息里选中文字', en: 'Select words in a buyer message above first' },
  mk_concern: { zh: '关注点', en: 'Concern' },
  mk_save: { zh: '记为关注点', en: 'Save as concern' },
  mk_saved: { zh: '已记录：{concern}', en: 'Saved: {concern}' },
  mk_failed: { zh: '没有保存：{message}', en: 'Not saved: {message}' },
  mk_exportTitle: { zh: '标注样本', en: 'Labelled examples' },
  mk_exportHelp: {
    zh: '客服从消息中补标的关注点，每条消息一行 {"text", "concerns"}（JSON Lines），可用于评估或改进识别。',
    en: 'Concerns agents marked from a message the detector missed, one message a line as {"text", "concerns"} (JSON Lines), for evaluating or improving detection.',
  },
  mk_exportCount: { zh: '{count} 条样本', en: '{count} examples' },
  mk_export: { zh: '导出 JSONL', en: 'Export JSONL' },
} satisfies Catalog;

import type { Catalog } from '../types';

/** Strings of the day's follow-ups (popup) and the supervisor's campaign lists (工作台 → 关怀活动). */
export const campaigns = {
  fu_overCap: {
    zh: '另有 {count} 条超出今日上限（每人每天 {cap} 条）',
    en: "{count} more past today's limit ({cap} a day per agent)",
  },
  fu_massCare: {
    zh: '{count} 条群发关怀（阶段提醒、百日、周年、生日）已转到关怀活动，由主管导出给平台的营销工具。',
    en: '{count} mass-care items (stage-end, 100-day, anniversary, birthday) went to the campaign lists for the supervisor to export.',
  },
  fu_othersOwn: {
    zh: '另有 {count} 条由同事负责，不在你的列表里。',
    en: '{count} more are owned by colleagues and are not in your list.',
  },
  fu_openCampaigns: { zh: '查看关怀活动', en: 'Open campaigns' },
  fu_perDay: { zh: '每位客服每天的跟进上限', en: 'Follow-ups per agent per day' },
  fu_perDayHint: {
    zh: '弹窗只列出可马上处理的跟进（待付款、发货、回访、正在聊天的买家），按价值排序，最多这么多条。',
    en: 'The popup lists only follow-ups an agent can act on now (unpaid, shipping, check-in, buyers chatting), most valuable first, at most this many.',
  },

  cp_nav: { zh: '关怀活动', en: 'Campaigns' },
  cp_lead: {
    zh: '阶段提醒、百日、周年和生日关怀的买家大多不在聊天中，平台一般不允许客服主动发起会话。这里按类型列出未来 {days} 天到期的名单，审核后导出为买家名单（CSV），在平台自己的营销工具里使用（如千牛客户运营平台导入人群、短信）。导出时会记录这次触达，看板据此对比活动响应与自然回购。',
    en: "Buyers due a stage-end nudge, 100-day, anniversary or birthday greeting are mostly not chatting, and consoles rarely let a seller start a chat. The lists below hold what is due in the next {days} days, by kind; review and export each as a buyer list (CSV) for the platform's own marketing tools (a 千牛 客户运营平台 crowd, SMS). Exporting records the contact, so the dashboard compares the response with natural repurchase.",
  },
  cp_format: {
    zh: '格式：UTF-8 CSV，每行一位买家，第一列“买家昵称”（平台会员名），其后为平台、买家编号、关怀类型、到期日。导入前请按所用工具的最新模板核对列名。',
    en: "Format: UTF-8 CSV, one buyer a row, first column 买家昵称 (the platform member name), then platform, buyer id, care and due date. Check the column names against your tool's current template before importing.",
  },
  cp_none: { zh: '未来 {days} 天没有需要群发的关怀', en: 'No mass care due in the next {days} days' },
  cp_listTitle: { zh: '{name}（{count} 位买家）', en: '{name} ({count} buyers)' },
  cp_stageEnd: { zh: '第 {day} 天阶段提醒', en: 'Day-{day} stage-end nudge' },
  cp_export: { zh: '导出名单并记录触达', en: 'Export list and record the contact' },
  cp_exported: { zh: '已导出 {count} 位买家，已记录触达', en: 'Exported {count} buyers; contact recorded' },
  cp_more: { zh: '…另有 {count} 位', en: '…and {count} more' },
  cp_due: { zh: '到期', en: 'Due' },
  cp_buyer: { zh: '买家', en: 'Buyer' },
} satisfies Catalog;

export type CampaignsKey = keyof typeof campaigns;

import type { Catalog } from '../types';

/** Strings of the error boundaries around panels and of the background's reminder run status. */
export const errors = {
  eb_failed: { zh: '“{panel}”出错了，其他部分不受影响。', en: '"{panel}" ran into an error; the rest keeps working.' },
  eb_retry: { zh: '重试', en: 'Retry' },
  eb_copy: { zh: '复制错误信息', en: 'Copy error details' },
  eb_copied: { zh: '已复制', en: 'Copied' },
  eb_copyFailed: { zh: '无法复制，请选中下面的文字手动复制', en: 'Could not copy; select the text below instead' },
  eb_details: { zh: '错误信息', en: 'Error details' },
  eb_panel_page: { zh: '页面', en: 'Page' },
  eb_panel_buyer: { zh: '买家信息', en: 'Buyer' },
  eb_panel_suggestions: { zh: '推荐话术', en: 'Suggestions' },
  eb_panel_coupons: { zh: '优惠券', en: 'Coupons' },
  eb_panel_reminders: { zh: '回访提醒', en: 'Reminders' },
  eb_panel_concerns: { zh: '关注点', en: 'Concerns' },
  eb_panel_notes: { zh: '备注', en: 'Notes' },
  eb_panel_birthday: { zh: '生日', en: 'Birthday' },
  eb_panel_stats: { zh: '统计', en: 'Counts' },
  reminderRun_failed: { zh: '提醒检查失败：{message}', en: 'Reminder check failed: {message}' },
  reminderRun_failedAt: {
    zh: '（{time}，会在 {retry} 分钟后自动重试）',
    en: '({time}; retried automatically in {retry} minutes)',
  },
} satisfies Catalog;

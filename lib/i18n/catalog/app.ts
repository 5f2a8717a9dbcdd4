import type { Catalog } from '../types';

/** Strings of the extension shell: manifest, popup, options navigation, shared words. */
export const app = {
  extName: { zh: '回头客', en: 'Huitouke' },
  extDescription: {
    zh: '在聊天工作台旁显示买家的会员等级、价值分层、生命周期与历史关注点，并推荐话术、优惠券和回访提醒。',
    en: 'Shows who the buyer is beside the seller chat console — level, value segment, lifecycle stage, past concerns — and suggests replies, coupons and follow-ups.',
  },
  cmdToggleSidebar: { zh: '展开/收起回头客侧边栏', en: 'Show or hide the Huitouke sidebar' },
  cmdFocusSuggestions: {
    zh: '跳到推荐话术（↑↓ 选择，回车填入）',
    en: 'Jump to suggested replies (↑↓ to choose, Enter to insert)',
  },
  loading: { zh: '加载中…', en: 'Loading…' },
  language: { zh: '界面语言', en: 'Language' },
} satisfies Catalog;

import type { ConsoleAdapter } from '../schema';

/**
 * 抖店 飞鸽 (React). Its CSS class names are hashed and change with each release, so every
 * selector anchors on `data-qa-id` (note the page's own spelling "warpper"), ids, `title`
 * attributes and the two stable bubble classes `messageNotMe` / `messageIsMe`.
 * System notices carry only hashed classes: they are the wrappers with neither bubble.
 */
export const douyin: ConsoleAdapter = {
  id: 'douyin',
  name: { zh: '抖店 飞鸽', en: 'Douyin Feige' },
  platform: 'douyin',
  matches: ['https://im.jinritemai.com/pc_seller_v2/*'],
  exampleUrls: [
    'https://im.jinritemai.com/pc_seller_v2/main/workspace',
    'https://im.jinritemai.com/pc_seller_v2/main/workspace?selfId=1234567890',
  ],
  counterExampleUrls: ['https://im.jinritemai.com/pc_buyer/', 'https://fxg.jinritemai.com/ffa/morder/order/list'],
  selectors: {
    ready: '#topbar-left-info, [data-qa-id="qa-conversation-chat-item"]',
    buyerNick: { selector: '#topbar-left-info [title]', attr: 'title' },
    messageRow: '[data-qa-id="qa-message-warpper"]',
    messageText: '.messageNotMe, .messageIsMe',
    authorBuyer: '.messageNotMe',
    authorAgent: '.messageIsMe',
    authorSystem: '[data-qa-id="qa-message-warpper"]:not(:has(.messageNotMe, .messageIsMe))',
    messageId: { selector: '[data-id]', attr: 'data-id' },
    input: 'textarea[data-qa-id="qa-send-message-textarea"]',
    inputKind: 'textarea',
    sendButton: '[data-qa-id="qa-send-message-button"]',
    conversationRow: '[data-qa-id="qa-conversation-chat-item"]',
    unread: '[data-qa-id="qa-conversation-chat-item"] [class*="badge-count"]',
  },
  // Guessed (issue 19): the 订单 tab, anchored on data-qa-id like the rest; not checked live.
  orderPanel: {
    row: '[data-qa-id="qa-order-card"]',
    orderId: { selector: '[data-qa-id="qa-order-id"]' },
    status: { selector: '[data-qa-id="qa-order-status"]' },
    amount: { selector: '[data-qa-id="qa-order-amount"]' },
    time: { selector: '[data-qa-id="qa-order-time"]' },
    tracking: { selector: '[data-qa-id="qa-order-logistics"]' },
  },
  productCards: {
    card: '[data-qa-id="qa-message-warpper"] .chatd-card-main',
    title: { selector: '.chatd-card-title' },
  },
};

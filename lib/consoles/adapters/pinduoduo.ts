import type { ConsoleAdapter } from '../schema';

/**
 * 拼多多 多多客服 (Vue 2 SPA). The message list mounts late and is sometimes replaced whole, so
 * nothing here holds on to elements; the buyer uid sits in the `currentuid` attribute of the
 * buyer's message rows, and each row's `id` is `middlePanel_list_<message id>`.
 */
export const pinduoduo: ConsoleAdapter = {
  id: 'pinduoduo',
  name: { zh: '拼多多 多多客服', en: 'Pinduoduo merchant chat' },
  platform: 'pinduoduo',
  matches: ['https://mms.pinduoduo.com/chat-merchant/*'],
  exampleUrls: [
    'https://mms.pinduoduo.com/chat-merchant/index.html#/',
    'https://mms.pinduoduo.com/chat-merchant/index.html?r=0.52#/chat',
  ],
  counterExampleUrls: ['https://mms.pinduoduo.com/orders/list', 'https://mms.pinduoduo.com/home/'],
  selectors: {
    ready: '#msgListContainer, #replyTextarea, li.chat-item',
    buyerId: { selector: '#msgListContainer [currentuid]', attr: 'currentuid' },
    buyerNick: { selector: '.chatWindowHeader .base-info .name' },
    messageRow: '#msgListContainer ul.msg-list > li.onemsg',
    messageText: '.msg-content-box, .good-card, [class*="system-msg"]',
    authorBuyer: '.buyer-item',
    authorAgent: '.cs-item',
    authorSystem: '[class*="system-msg"]',
    messageId: { attr: 'id' },
    input: 'textarea#replyTextarea',
    inputKind: 'textarea',
    sendButton: '.chat-editor .send-btn',
    conversationRow: 'li.chat-item',
    unread: 'li.chat-item .chat-unreply-time',
  },
  // Guessed (issue 19): the right-hand 订单 tab as public descriptions show it; not checked live.
  orderPanel: {
    row: '.right-panel .order-list .order-item',
    orderId: { selector: '.order-sn' },
    status: { selector: '.order-status' },
    amount: { selector: '.order-amount' },
    time: { selector: '.order-time' },
    tracking: { selector: '.order-tracking' },
  },
  productCards: { card: '#msgListContainer .good-card', title: { selector: '.good-name' } },
};

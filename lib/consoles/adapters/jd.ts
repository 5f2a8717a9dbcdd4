import type { ConsoleAdapter } from '../schema';

/**
 * 京东 咚咚 (web). The input is a contenteditable editor. The buyer's pin is not exposed apart
 * from the name, so the buyer id stays empty and buyers are told apart by name.
 * System tips are the message rows that are neither left (buyer) nor right (agent).
 */
export const jd: ConsoleAdapter = {
  id: 'jd',
  name: { zh: '京东 咚咚', en: 'JD Dongdong' },
  platform: 'jd',
  matches: ['https://dongdong.jd.com/*'],
  exampleUrls: ['https://dongdong.jd.com/', 'https://dongdong.jd.com/index.html#/chat'],
  counterExampleUrls: ['https://shop.jd.com/', 'https://dongdong.jd.com.evil.example/'],
  selectors: {
    ready: '#t-chat-scroll, .alluser-item',
    buyerNick: { selector: '.chat-head-name > span' },
    messageRow: '#t-chat-scroll .message',
    messageText: '.message_text, .message_card, .message_tip',
    authorBuyer: '.message_left',
    authorAgent: '.message_right',
    authorSystem: '.message:not(.message_left):not(.message_right)',
    input: '.EditorContent[contenteditable="true"]',
    inputKind: 'contenteditable',
    sendButton: '.SendButtonGroup > .send-button',
    conversationRow: '.alluser-item',
    unread: '.alluser-item .unread-num',
  },
  // Guessed (issue 19): the customer panel's 订单 tab; not checked live.
  orderPanel: {
    row: '.customer-order-panel .order-item',
    orderId: { selector: '.order-id' },
    status: { selector: '.order-state' },
    amount: { selector: '.order-money' },
    time: { selector: '.order-time' },
  },
};

import type { ConsoleAdapter } from '../schema';

/**
 * 千牛 网页版 customer service (Alibaba Fusion components, CSS-module class names such as
 * `ChatHeader--chatName--3cD9e` whose suffix changes per build, so every selector matches a
 * class substring). Best effort: the live reception page's markup is not publicly documented.
 * The content script runs on all of qn/myseller; only the customer-service app is this console.
 */
export const qianniu: ConsoleAdapter = {
  id: 'qianniu',
  name: { zh: '千牛 接待中心', en: 'Qianniu customer service' },
  platform: 'taobao',
  matches: ['https://qn.taobao.com/*', 'https://myseller.taobao.com/*'],
  urlIncludes: ['app-customer-service'],
  exampleUrls: [
    'https://qn.taobao.com/home.htm/app-customer-service/toolpage/Message',
    'https://myseller.taobao.com/home.htm/app-customer-service/toolpage/Message?spm=a21dvs.23580594.0.0',
  ],
  counterExampleUrls: [
    'https://myseller.taobao.com/home.htm/trade-platform/tp/sold',
    'https://qn.taobao.com/home.htm/shop-manage/shop-center',
  ],
  selectors: {
    ready: '[class*="ConversationList--"], [class*="MessageList--"]',
    buyerNick: { selector: '[class*="ChatHeader--"] [class*="chatName"]' },
    messageRow: '[class*="MessageList--"] [class*="MessageItem--item"]',
    messageText: '[class*="MessageItem--text"], [class*="MessageItem--card"], [class*="MessageItem--tip"]',
    authorBuyer: '[class*="MessageItem--left"]',
    authorAgent: '[class*="MessageItem--right"]',
    authorSystem: '[class*="MessageItem--system"]',
    input: '[class*="Editor--editor"][contenteditable="true"]',
    inputKind: 'contenteditable',
    sendButton: '[class*="Editor--send"]',
    conversationRow: '[class*="ConversationItem--item"]',
    unread: '[class*="ConversationItem--unread"]',
  },
  // Guessed (issue 19): the right-hand 订单 panel, CSS-module classes like the rest; not checked live.
  orderPanel: {
    row: '[class*="OrderCard--card"]',
    orderId: { attr: 'data-order-id' },
    status: { selector: '[class*="OrderCard--status"]' },
    amount: { selector: '[class*="OrderCard--amount"]' },
    time: { selector: '[class*="OrderCard--time"]' },
    tracking: { selector: '[class*="OrderCard--logistics"]' },
  },
};

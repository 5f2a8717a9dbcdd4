import type { ConsoleAdapter } from '../schema';

/**
 * The local demo console (demo build only). It presents as several platforms, named by
 * `#demo-console[data-platform]`, and renders its input as a textarea or, with
 * `?input=contenteditable`, as a contenteditable div — so the input kind is decided at run time.
 */
export const demo: ConsoleAdapter = {
  id: 'demo',
  name: { zh: '演示工作台', en: 'Demo console' },
  platform: { fromAttribute: { selector: '#demo-console', attr: 'data-platform' } },
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  exampleUrls: [
    'http://127.0.0.1:5173/',
    'http://localhost:4173/?input=contenteditable',
    'http://127.0.0.1/demo/index.html?platform=douyin',
  ],
  counterExampleUrls: ['https://localhost/', 'http://localhost.example.com/'],
  selectors: {
    ready: '#demo-console',
    buyerId: { selector: '[data-testid="current-buyer"]', attr: 'data-buyer-id' },
    buyerNick: { selector: '[data-testid="current-buyer-nick"]' },
    messageRow: '[data-testid="thread"] [data-testid="message"]',
    // A conversation the demo creates from `?buyer=` starts with an empty thread.
    messageList: '[data-testid="thread"]',
    messageText: '[data-testid="message-text"]',
    authorBuyer: '[data-author="buyer"]',
    authorAgent: '[data-author="agent"]',
    authorSystem: '[data-author="system"]',
    messageId: { attr: 'data-message-id' },
    input: '[data-testid="chat-input"]',
    inputKind: 'auto',
    sendButton: '[data-testid="send"]',
    conversationRow: '[data-testid="conversation"][data-buyer-id]',
  },
  orderPanel: {
    row: '[data-testid="console-order"]',
    orderId: { attr: 'data-order-id' },
    status: { selector: '.order-status' },
    amount: { selector: '.order-amount' },
    time: { selector: '.order-time' },
    tracking: { selector: '.order-tracking' },
  },
  productCards: {
    card: '[data-testid="thread"] [data-testid="product-card"]',
    id: { attr: 'data-product-id' },
    title: { selector: '.card-title' },
  },
};

import type { ConsoleAdapter } from '../schema';
import { CONSOLE_MATCHES } from '../matches';

/**
 * Shopee seller webchat (React, virtualised lists: rows off screen are not in the DOM).
 * Anchors on `data-cy`; the buyer is the selected conversation cell. System notices carry only
 * hashed classes and are not read. Message text is assumed to sit in a `<pre>`; without one the
 * whole bubble's text is used.
 */
const SHOPEE_MATCHES = CONSOLE_MATCHES.filter((p) => p.startsWith('https://seller.shopee.'));

export const shopee: ConsoleAdapter = {
  id: 'shopee',
  name: { zh: 'Shopee 聊聊', en: 'Shopee webchat' },
  platform: 'shopee',
  matches: SHOPEE_MATCHES,
  exampleUrls: SHOPEE_MATCHES.map((p) => p.replace('/webchat/*', '/webchat/conversations')).concat([
    'https://seller.shopee.com.my/webchat/conversations/1234567890?shopid=987654',
  ]),
  counterExampleUrls: ['https://seller.shopee.cn/portal/sale/order', 'https://shopee.sg/webchat/conversations'],
  selectors: {
    ready: '[data-cy^="webchat-conversation"]',
    buyerNick: { selector: '[data-cy="webchat-conversation-cell-root-current"] [title]', attr: 'title' },
    messageRow: '[data-cy="webchat-message-receive"], [data-cy="webchat-message-send"]',
    messageText: 'pre',
    authorBuyer: '[data-cy="webchat-message-receive"]',
    authorAgent: '[data-cy="webchat-message-send"]',
    input: '[data-cy="webchat-conversation-detail-input"] textarea',
    inputKind: 'textarea',
    sendButton: '[data-cy="webchat-conversation-detail-input"] [class*="send"]',
    conversationRow: '[data-cy^="webchat-conversation-cell-root"]',
    unread: '[data-cy^="webchat-conversation-cell-root"] [class*="unread"]',
  },
  // Guessed (issue 19): the chat's order list, data-cy hooks like the rest; not checked live.
  orderPanel: {
    row: '[data-cy="webchat-order-item"]',
    orderId: { selector: '[data-cy="webchat-order-sn"]' },
    status: { selector: '[data-cy="webchat-order-status"]' },
    amount: { selector: '[data-cy="webchat-order-total"]' },
    time: { selector: '[data-cy="webchat-order-time"]' },
  },
};

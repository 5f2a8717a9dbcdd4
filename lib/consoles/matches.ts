/** Match patterns of the chat consoles the extension supports out of the box. */
export const CONSOLE_MATCHES = [
  'https://mms.pinduoduo.com/chat-merchant/*',
  'https://im.jinritemai.com/pc_seller_v2/*',
  'https://dongdong.jd.com/*',
  'https://seller.shopee.cn/webchat/*',
  'https://seller.shopee.com.my/webchat/*',
  'https://seller.shopee.co.id/webchat/*',
  'https://seller.shopee.co.th/webchat/*',
  'https://seller.shopee.ph/webchat/*',
  'https://seller.shopee.sg/webchat/*',
  'https://seller.shopee.tw/webchat/*',
  'https://seller.shopee.vn/webchat/*',
  'https://seller.shopee.com.br/webchat/*',
  'https://qn.taobao.com/*',
  'https://myseller.taobao.com/*',
] as const;

/** The local demo console, matched only by the demo/test build. Chrome match patterns ignore the port. */
export const DEMO_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'] as const;

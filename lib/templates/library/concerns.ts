import type { BuiltinSpec } from './define';

/**
 * Answers to buyers' concerns (释疑). Shop facts the library cannot know — fit, material, cut-off
 * time, warranty — are blanks the agent fills, so nothing here promises what a shop does not offer.
 */

const FOLDER = '答疑';

function answer(
  key: string,
  concern: string,
  title: string,
  shortcut: string,
  variants: BuiltinSpec['variants'],
): BuiltinSpec {
  return {
    key: `concern.${key}`,
    title,
    folder: FOLDER,
    shortcut,
    kind: 'concern_answer',
    marketing: false,
    conditions: { concerns: [concern] },
    variants,
  };
}

export const CONCERN_ANSWERS: BuiltinSpec[] = [
  answer('size', 'size', '尺码推荐', '/cm', {
    'zh-CN':
      '{{buyer.nick|亲}}，这款版型{{ask:版型}}，按您说的身高体重，建议拿{{ask:建议尺码}}。收到试穿不合身的话直接找我，帮您安排换码。',
    'zh-TW':
      '{{buyer.nick|您好}}，這款版型{{ask:版型}}，依您的身高體重，建議選{{ask:建議尺寸}}。收到試穿不合身的話直接找我們，會幫您安排換尺寸喔。',
    en: "Hi {{buyer.nick|there}}, this style runs {{ask:fit}}. For your height and weight we'd suggest size {{ask:suggested size}}. If it doesn't fit when it arrives, just message us and we'll arrange an exchange.",
    th: 'สวัสดีค่ะ {{buyer.nick|คุณลูกค้า}} แบบนี้ทรง{{ask:ทรง}} จากส่วนสูงและน้ำหนักของคุณ แนะนำไซส์ {{ask:ไซส์ที่แนะนำ}} ค่ะ ถ้าได้รับแล้วใส่ไม่พอดี ทักมาได้เลย เราจะเปลี่ยนไซส์ให้ค่ะ',
    vi: 'Chào {{buyer.nick|bạn}}, mẫu này form {{ask:form dáng}}. Với chiều cao và cân nặng của bạn, shop gợi ý size {{ask:size gợi ý}} nhé. Nếu nhận hàng mặc không vừa, bạn nhắn shop để đổi size ạ.',
    ms: 'Hai {{buyer.nick|kak}}, model ini potongannya {{ask:potongan}}. Untuk tinggi dan berat kakak, kami cadangkan saiz {{ask:saiz dicadangkan}}. Kalau tidak muat bila sampai, mesej kami untuk tukar saiz ya.',
  }),
  answer('photo_match', 'photo_match', '色差与实物', '/sc', {
    'zh-CN':
      '{{buyer.nick|亲}}，我们的图都是实物拍的，没有过度修图。不同手机屏幕显示会有一点色差，这款实物颜色{{ask:实物颜色说明}}。想看更真实的效果，我可以发几张自然光下的实拍给您。',
    'zh-TW':
      '{{buyer.nick|您好}}，我們的照片都是實品拍攝，沒有過度修圖。不同手機螢幕顯示會有些許色差，這款實品顏色{{ask:實品顏色說明}}。想看更真實的樣子，我可以傳幾張自然光下的實拍給您參考喔。',
    en: 'Hi {{buyer.nick|there}}, all our photos are of the real item with no heavy editing. Screens can shift colours a little; in person this one looks {{ask:how the colour looks in person}}. Happy to send a few daylight photos if that helps.',
  }),
  answer('quality', 'quality', '质量说明', '/zl', {
    'zh-CN':
      '{{buyer.nick|亲}}，这款用的是{{ask:材质/工艺}}，每一批上架前都会抽检。平时按吊牌上的方式洗护就好，收到有任何质量问题直接联系我们，一定给您处理好。',
    'zh-TW':
      '{{buyer.nick|您好}}，這款使用{{ask:材質／工藝}}，每一批上架前都會抽檢。平時照吊牌上的方式清洗保養就可以，收到若有任何品質問題請直接聯繫我們，一定幫您處理好。',
    en: "Hi {{buyer.nick|there}}, this one is made of {{ask:material / workmanship}}, and we spot-check every batch before it goes on sale. Just follow the care label. If anything is wrong with it when it arrives, message us and we'll put it right.",
  }),
  answer('authenticity', 'authenticity', '正品保证', '/zp', {
    'zh-CN':
      '{{buyer.nick|亲}}，放心，店里的货都来自{{ask:进货渠道}}，保证正品。收到后可以按包装上的防伪信息查验，有任何疑问随时找我。',
    'zh-TW':
      '{{buyer.nick|您好}}，請放心，店內商品都來自{{ask:進貨管道}}，保證正品。收到後可以依包裝上的防偽資訊查驗，有任何疑問隨時找我們。',
    en: 'Hi {{buyer.nick|there}}, everything we sell comes from {{ask:supply channel}} and is guaranteed genuine. You can check the anti-counterfeit details on the packaging when it arrives. Any doubts, just ask.',
  }),
  answer('efficacy', 'efficacy', '功效说明', '/gx', {
    'zh-CN':
      '{{buyer.nick|亲}}，这款主要是{{ask:主要功效}}，一般坚持用{{ask:见效时间}}会比较明显。每个人的情况不一样，感受会有些差别，用的过程中有疑问随时问我。',
    'zh-TW':
      '{{buyer.nick|您好}}，這款主要是{{ask:主要功效}}，一般持續使用{{ask:見效時間}}會比較明顯。每個人狀況不同，感受會有些差異，使用過程中有任何問題都歡迎問我們。',
    en: "Hi {{buyer.nick|there}}, this mainly {{ask:main effect}}. Most people notice a difference after {{ask:how long}} of regular use, though results vary from person to person. Ask us anytime while you're using it.",
  }),
  answer('skin_safety', 'skin_safety', '敏感肌能否使用', '/mg', {
    'zh-CN':
      '{{buyer.nick|亲}}，这款{{ask:成分特点}}，整体比较温和。敏感肌第一次用，建议先在耳后或手腕内侧试一下，24小时没有泛红发痒再上脸。方便的话说说您的肤质，我帮您看看合不合适。',
    'zh-TW':
      '{{buyer.nick|您好}}，這款{{ask:成分特點}}，整體偏溫和。敏感肌第一次使用，建議先在耳後或手腕內側試擦，24小時內沒有泛紅發癢再用在臉上。方便的話告訴我您的膚質，幫您看看適不適合。',
    en: "Hi {{buyer.nick|there}}, this one is {{ask:ingredient notes}} and fairly gentle. If your skin is sensitive, try a little behind the ear or on the inner wrist first and wait 24 hours for any redness. Tell me your skin type and I'll check it suits you.",
  }),
  answer('baby_safety', 'baby_safety', '母婴用品安全', '/aq', {
    'zh-CN':
      '{{buyer.nick|亲}}，宝宝用的东西我们格外上心：这款{{ask:材质与检测标准}}。第一次用之前建议先清洗一遍。想看检测报告的话，我发给您。',
    'zh-TW':
      '{{buyer.nick|您好}}，寶寶用的東西我們特別留意：這款{{ask:材質與檢驗標準}}。第一次使用前建議先清洗一次。需要看檢驗報告的話，我可以傳給您。',
    en: "Hi {{buyer.nick|there}}, we're extra careful with baby products: this one {{ask:material and test standard}}. We'd suggest washing it once before first use. I can send you the test report if you'd like to see it.",
  }),
  answer('usage', 'usage', '使用方法', '/yf', {
    'zh-CN': '{{buyer.nick|亲}}，用法是这样的：{{ask:使用步骤}}。第一次用如果拿不准，拍张照片发我，我帮您看看。',
    'zh-TW':
      '{{buyer.nick|您好}}，使用方式是這樣的：{{ask:使用步驟}}。第一次使用如果不確定，隨時拍照傳給我們，幫您看看。',
    en: "Hi {{buyer.nick|there}}, here's how to use it: {{ask:steps}}. If you're unsure the first time, send us a photo and we'll take a look.",
  }),
  answer('shipping', 'shipping', '发货时间与快递', '/fh', {
    'zh-CN':
      '{{buyer.nick|亲}}，{{ask:截单时间}}前付款的订单当天发出，默认发{{ask:快递公司}}，到您那边一般{{ask:预计天数}}天左右。发货后我把单号发给您。',
    'zh-TW':
      '{{buyer.nick|您好}}，{{ask:截單時間}}前付款的訂單會當天出貨，使用{{ask:物流方式}}寄送，一般約{{ask:預計天數}}天送達。出貨後會把單號提供給您喔。',
    en: "Hi {{buyer.nick|there}}, orders paid before {{ask:cut-off time}} ship the same day by {{ask:carrier}} and usually arrive in about {{ask:days}} days. I'll send you the tracking number once it's on its way.",
  }),
  answer('after_sales', 'after_sales', '售后与保修', '/sh', {
    'zh-CN':
      '{{buyer.nick|亲}}，这款提供{{ask:保修期限与范围}}。用的时候遇到问题，先拍个视频或照片发我，能远程解决的马上帮您解决，需要寄修的我来给您安排。',
    'zh-TW':
      '{{buyer.nick|您好}}，這款提供{{ask:保固期限與範圍}}。使用上遇到問題，先拍影片或照片給我們，能遠端解決的會馬上協助，需要送修的話也會幫您安排。',
    en: "Hi {{buyer.nick|there}}, this comes with {{ask:warranty terms}}. If something goes wrong, send us a photo or short video: we'll fix what we can remotely and arrange a repair if it needs one.",
  }),
  answer('return_refund', 'return_refund', '退换货说明', '/th', {
    'zh-CN':
      '{{buyer.nick|亲}}，收到后{{ask:退换期限}}内，不影响二次销售都可以退换。在订单里直接申请就行，寄回后跟我说一声，我们收到会尽快处理。',
    'zh-TW':
      '{{buyer.nick|您好}}，收到商品後{{ask:退換期限}}內，只要不影響再次販售都可以退換。直接在訂單頁面申請，寄回後告訴我們一聲，收到會盡快幫您處理。',
    en: "Hi {{buyer.nick|there}}, you can return or exchange within {{ask:return window}} of receiving it, as long as it's unused and resaleable. Start the return from your order page and let us know once it's sent back; we'll process it as soon as it arrives.",
  }),
  answer('price', 'price', '价格与优惠', '/jg', {
    'zh-CN':
      '{{buyer.nick|亲}}，价格是按品质定的，我们不搞先涨后降。现在下单可以用{{ask:当前可用优惠}}，算下来更划算。',
    'zh-TW':
      '{{buyer.nick|您好}}，價格是依品質訂的，我們不會先漲後降。現在下單可以使用{{ask:目前可用優惠}}，算起來更划算喔。',
    en: 'Hi {{buyer.nick|there}}, our prices reflect the quality and we never mark them up before a sale. Right now you can use {{ask:current offer}}, which makes it a better deal.',
  }),
  {
    ...answer('price.member', 'price', '会员价（老买家）', '/hyj', {
      'zh-CN':
        '{{buyer.nick|亲}}，您是店里的{{buyer.level|老朋友}}，下单自动享{{buyer.discount|会员价}}，比页面价还要划算一些。',
      'zh-TW':
        '{{buyer.nick|您好}}，您是本店的{{buyer.level|老朋友}}，下單自動享有{{buyer.discount|會員價}}，比頁面價格更划算一些。',
      en: 'Hi {{buyer.nick|there}}, as a {{buyer.level|returning customer}} you automatically get {{buyer.discount|member pricing}} at checkout, so it works out cheaper than the listed price.',
    }),
    conditions: { concerns: ['price'], newBuyer: false },
  },
  answer('stock', 'stock', '库存与到货', '/kc', {
    'zh-CN': '{{buyer.nick|亲}}，您问的{{ask:款式规格}}目前{{ask:库存情况}}。需要的话我帮您留意，一到货马上告诉您。',
    'zh-TW':
      '{{buyer.nick|您好}}，您詢問的{{ask:款式規格}}目前{{ask:庫存狀況}}。需要的話我幫您留意，一到貨馬上通知您。',
    en: 'Hi {{buyer.nick|there}}, {{ask:item and option}} is {{ask:stock status}} at the moment. Want me to let you know as soon as more comes in?',
  }),
  answer('invoice', 'invoice', '开发票', '/fp', {
    'zh-CN': '{{buyer.nick|亲}}，可以开发票的。把抬头和税号发给我，{{ask:发票类型}}会在{{ask:开票时间}}发给您。',
    'zh-TW':
      '{{buyer.nick|您好}}，可以開立發票。請把抬頭和統一編號傳給我們（個人也可以提供載具），{{ask:發票類型}}會在{{ask:開立時間}}寄送給您。',
    en: 'Hi {{buyer.nick|there}}, yes, we can issue an invoice. Send us the name and tax ID to put on it, and the {{ask:invoice type}} will reach you {{ask:when}}.',
  }),
];

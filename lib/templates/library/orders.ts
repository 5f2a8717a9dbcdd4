import type { BuiltinSpec } from './define';

/**
 * Messages around an order: thanks, unpaid reminders (催付), shipping notice, pre-delivery check-in
 * and the reply to a mid/poor review. All are service messages: they answer something the buyer
 * did, so they do not count against the weekly marketing cap (催付 has its own limits).
 * Unpaid reminders avoid `order.lastItem`, which names the last *paid* item, not the unpaid one.
 */

const ORDER = '订单';

export const ORDER_MESSAGES: BuiltinSpec[] = [
  {
    key: 'thanks.first',
    title: '首单感谢（新买家）',
    folder: ORDER,
    shortcut: '/xk',
    kind: 'thanks',
    marketing: false,
    conditions: { newBuyer: true },
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，谢谢您第一次在{{shop.name|我们店}}下单！宝贝我们会仔细打包、尽快发出。另外送您一张优惠券：{{coupon.name}}，下次购物就能用。有任何问题随时找我，我是{{agent.name|客服}}。',
      'zh-TW':
        '{{buyer.nick|您好}}，謝謝您第一次在{{shop.name|本店}}購物！商品我們會仔細包裝、盡快寄出。另外送上一張優惠券：{{coupon.name}}，下次購物就能使用。有任何問題隨時找我，我是{{agent.name|客服}}。',
      en: "Hi {{buyer.nick|there}}, thank you for your first order with {{shop.name|us}}! We'll pack it carefully and send it out soon. Here's a {{coupon.name}} coupon for next time. Any questions, just message me: I'm {{agent.name|here to help}}.",
      th: 'ขอบคุณ {{buyer.nick|คุณลูกค้า}} ที่สั่งซื้อกับ {{shop.name|ร้านเรา}} เป็นครั้งแรกค่ะ! เราจะแพ็คอย่างดีและส่งให้เร็วที่สุด รับคูปอง {{coupon.name}} ไว้ใช้ครั้งหน้านะคะ มีคำถามทักมาได้เลย {{agent.name|แอดมิน}} ยินดีช่วยค่ะ',
      vi: 'Cảm ơn {{buyer.nick|bạn}} đã đặt đơn đầu tiên tại {{shop.name|shop}}! Shop sẽ đóng gói cẩn thận và gửi sớm nhất. Tặng bạn mã giảm giá {{coupon.name}} cho lần mua sau. Có gì thắc mắc cứ nhắn mình, mình là {{agent.name|CSKH}} ạ.',
      ms: 'Terima kasih {{buyer.nick|kak}} atas pesanan pertama di {{shop.name|kedai kami}}! Kami akan bungkus dengan baik dan hantar secepat mungkin. Ini baucar {{coupon.name}} untuk pembelian seterusnya. Ada soalan, mesej saja, saya {{agent.name|admin}}.',
    },
  },
  {
    key: 'thanks.repeat',
    title: '复购感谢 + 以老带新',
    folder: ORDER,
    shortcut: '/lk',
    kind: 'thanks',
    marketing: false,
    conditions: { newBuyer: false },
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，谢谢您又来捧场！订单我们会仔细打包、尽快发出。身边有朋友也喜欢的话，把优惠券“{{coupon.name}}”分享给他们，新朋友首单就能用，您这边还能得到{{ask:推荐奖励}}。',
      'zh-TW':
        '{{buyer.nick|您好}}，謝謝您再次支持！訂單我們會仔細包裝、盡快寄出。身邊朋友也喜歡的話，歡迎把優惠券「{{coupon.name}}」分享給他們，新朋友首購就能使用，您也能獲得{{ask:推薦獎勵}}。',
      en: "Hi {{buyer.nick|there}}, thanks for coming back to us! We'll pack your order carefully and ship it soon. If friends might like our things, share the {{coupon.name}} coupon with them: it works on their first order, and you'll get {{ask:referral reward}} too.",
    },
  },
  {
    key: 'unpaid.first.new',
    title: '催付·第一次（新买家）',
    folder: ORDER,
    shortcut: '/cf1',
    kind: 'unpaid_reminder',
    marketing: false,
    conditions: { newBuyer: true },
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，您拍下的宝贝还没付款哦。是对尺码、发货还有什么不确定吗？有问题直接问我。付款后我们{{ask:发货时间}}发出。',
      'zh-TW':
        '{{buyer.nick|您好}}，您下單的商品還沒完成付款喔。是對尺寸、出貨還有疑問嗎？可以直接問我們。完成付款後會在{{ask:出貨時間}}寄出。',
      en: "Hi {{buyer.nick|there}}, your order is placed but not paid yet. Anything you're unsure about, like size or delivery? Just ask. Once it's paid we'll ship it {{ask:when}}.",
    },
  },
  {
    key: 'unpaid.first.returning',
    title: '催付·第一次（老买家）',
    folder: ORDER,
    shortcut: '/lcf1',
    kind: 'unpaid_reminder',
    marketing: false,
    conditions: { newBuyer: false },
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，又见面啦！您拍下的宝贝还差付款这一步，付完我们尽快安排发出。颜色、尺码或地址要改的话，现在告诉我就行。',
      'zh-TW':
        '{{buyer.nick|您好}}，又見面了！您下單的商品還差付款這一步，完成後我們會盡快出貨。顏色、尺寸或地址需要修改的話，現在告訴我們就可以。',
      en: "Hi {{buyer.nick|there}}, nice to see you again! Your order just needs payment and then we'll get it out quickly. If you'd like to change the colour, size or address, tell me now.",
    },
  },
  {
    key: 'unpaid.second.new',
    title: '催付·第二次（新买家）',
    folder: ORDER,
    shortcut: '/cf2',
    kind: 'unpaid_reminder',
    marketing: false,
    conditions: { newBuyer: true },
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，再提醒一下：您的订单{{ask:关闭时间}}会自动关闭，之后要重新下单。还在犹豫的话，跟我说说哪里不放心，我帮您参考。',
      'zh-TW':
        '{{buyer.nick|您好}}，再提醒一下：您的訂單將於{{ask:關閉時間}}自動取消，之後需要重新下單。如果還在考慮，可以跟我說說哪裡不放心，幫您一起看看。',
      en: "Hi {{buyer.nick|there}}, a quick reminder: your unpaid order will close automatically {{ask:closing time}}. Still deciding? Tell me what's holding you back and I'll help.",
    },
  },
  {
    key: 'unpaid.second.returning',
    title: '催付·第二次（老买家）',
    folder: ORDER,
    shortcut: '/lcf2',
    kind: 'unpaid_reminder',
    marketing: false,
    conditions: { newBuyer: false },
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，您的订单还没付款，{{ask:关闭时间}}会自动关闭。如果是想凑单或者换款，告诉我，帮您看看怎么搭更划算。',
      'zh-TW':
        '{{buyer.nick|您好}}，您的訂單尚未付款，將於{{ask:關閉時間}}自動取消。如果想湊單或換款，告訴我們，幫您看看怎麼搭配更划算。',
      en: "Hi {{buyer.nick|there}}, your order is still unpaid and will close {{ask:closing time}}. If you were thinking of adding something or switching items, tell me and I'll help you find the best combination.",
    },
  },
  {
    key: 'shipping.notice',
    title: '发货通知',
    folder: ORDER,
    shortcut: '/fhtz',
    kind: 'shipping',
    marketing: false,
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，您的宝贝已经发出啦！{{order.carrier|快递}}单号：{{order.trackingNo}}，预计{{ask:预计到达时间}}送到。收到后有任何问题先联系我，我来处理。',
      'zh-TW':
        '{{buyer.nick|您好}}，您的商品已經寄出囉！{{order.carrier|物流}}單號：{{order.trackingNo}}，預計{{ask:預計送達時間}}送達。收到後如有任何問題，請先聯繫我們，會馬上幫您處理。',
      en: "Hi {{buyer.nick|there}}, your order is on its way! It's with {{order.carrier|the courier}}, tracking number {{order.trackingNo}}, and should arrive {{ask:expected delivery}}. If anything's not right when it arrives, message us first and we'll sort it out.",
      th: 'สวัสดีค่ะ {{buyer.nick|คุณลูกค้า}} สินค้าจัดส่งแล้วค่ะ ขนส่งโดย {{order.carrier|บริษัทขนส่ง}} เลขพัสดุ {{order.trackingNo}} คาดว่าจะถึง {{ask:วันที่คาดว่าจะถึง}} ถ้ามีปัญหาอะไร ทักมาหาเราก่อนได้เลยค่ะ',
      vi: 'Chào {{buyer.nick|bạn}}, đơn hàng của bạn đã được gửi đi! Đơn vị vận chuyển {{order.carrier|giao hàng}}, mã vận đơn {{order.trackingNo}}, dự kiến giao {{ask:ngày dự kiến}}. Có vấn đề gì bạn nhắn shop trước nhé.',
      ms: 'Hai {{buyer.nick|kak}}, pesanan kakak sudah dihantar! Kurier {{order.carrier|kurier}}, nombor penjejakan {{order.trackingNo}}, dijangka sampai {{ask:tarikh sampai}}. Kalau ada masalah, mesej kami dulu ya.',
    },
  },
  {
    key: 'delivery.checkin',
    title: '签收前回访',
    folder: ORDER,
    shortcut: '/hf',
    kind: 'delivery_checkin',
    marketing: false,
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，您的{{order.lastItem|宝贝}}快到了，记得留意签收。收到后先检查一下，有任何不满意的地方直接找我，我们一定给您处理好。',
      'zh-TW':
        '{{buyer.nick|您好}}，您的{{order.lastItem|商品}}快送達了，記得留意收件。收到後先檢查一下，有任何不滿意的地方直接告訴我們，一定幫您處理好。',
      en: "Hi {{buyer.nick|there}}, your {{order.lastItem|order}} should reach you soon. Give it a quick check when it arrives, and if anything isn't right, tell us directly and we'll make it right.",
    },
  },
  {
    key: 'review.reply',
    title: '中差评回复',
    folder: '评价',
    shortcut: '/cp',
    kind: 'review_reply',
    marketing: false,
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，看到您的评价，很抱歉这次没让您满意。您提到的{{ask:买家反映的问题}}，我们已经{{ask:改进或处理措施}}。方便的话联系我们，{{ask:补偿方案}}，希望还有机会让您满意。',
      'zh-TW':
        '{{buyer.nick|您好}}，看到您的評價，很抱歉這次沒讓您滿意。您提到的{{ask:買家反映的問題}}，我們已經{{ask:改善或處理方式}}。方便的話請聯繫我們，{{ask:補償方案}}，希望還有機會讓您滿意。',
      en: "Hi {{buyer.nick|there}}, we're sorry this order let you down. About {{ask:the problem raised}}: we have {{ask:what we changed or did}}. Please get in touch so we can {{ask:what we offer}}. We'd love the chance to put it right.",
    },
  },
];

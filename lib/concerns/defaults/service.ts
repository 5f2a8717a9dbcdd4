import { en, weighted, zh, type ConcernInput } from './helpers';

/**
 * Concerns about the shop's service. Where topics touch: postage (包邮, 运费) is `price`, the cost of
 * sending a return back (运费险, 退货运费) is `return_refund`, a fault after delivery is `after_sales`
 * while "can I send it back" is `return_refund`.
 */
export const SERVICE_CONCERNS: ConcernInput[] = [
  {
    id: 'shipping',
    names: { 'zh-CN': '发货物流', 'zh-TW': '出貨物流', en: 'Shipping' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`发货 发出 发走 寄出 出货 快递 物流 单号 运单 到哪 到了吗 几天到 几天能到 几天可以到 几天会到 多久到 多久能到 多久可以到 多久会到 什么时候到 送到 配送 派送
          签收 驿站 快递柜 丰巢 顺丰 中通 圆通 申通 韵达 极兔 邮政 ems 京东快递 偏远 加急 急用 催 改地址 地址写错 修改地址
          地址改 改一下地址 送货上门 没收到 还没到 没动 不动了 卡住了 从哪里发 哪里发货 发货地 仓库 次日达 当天发 今天发 明天发
          能发吗 包裹 揽收 拒收 送货 能到吗 会到吗 发到 寄到 送达 待揽收 在仓库 物流信息 出库 打包 待发货 催发货
          送上来 送上楼 送上门 货到付款 冷链 fh kd 快递员 派件 放门口 放驿站 放门卫 菜鸟 发的什么 什么快递 哪家快递 几号发 早点发
          今天能发 明天能发 安排发货 尽快安排 还不发 还没发 发没发 等好几天 在路上 到哪了 运输 运过来 寄过来 多久能收到 签收了 丢件 发了没有 发了没 换了个地址 换地址 物流怎么查 明天能到 后天能到 今天能到 能到北京`),
        patterns: zh(
          `快点*发 尽快*发 约*送 什么时候*发 几天*到货 几天*送到 多久*送到 多久*到货 能*发过来 地址*改 改*地址 什么时候*收到 几天*收到 多久*收到 能*送到 麻烦*发`,
        ),
        exclusions: zh(
          `订单号 退货单号 快递费 发票 发个票 发货票 到账 收到货 退到哪 寄到信箱 发到邮箱 发到这个邮箱 寄回 退回 发票发到 发票寄到 长度到哪 没发货的话 还没发的话`,
        ),
      },
      'zh-TW': {
        keywords:
          zh(`出貨 寄出 宅配 超商取貨 店到店 7-11 全家 萊爾富 黑貓 郵局 包裹 寄送 收件地址 幾天會到 運送 還沒收到 寄到 送達 會到嗎
          貨到付款 寄咗 寄出咗 幾時寄 幾時到 幾時收到 幾耐到 幾耐先到 幾日到 送貨 送上門 順豐 自取 到付 未收到 收唔到 物流 出貨地 寄去 離島 寄唔寄 寄得去`),
        patterns: zh(`什麼時候*寄 幾天*到 什麼時候*收到 幾時*寄 幾耐*到`),
      },
      en: {
        keywords: [
          ...en(
            `ship, shipping, shipped, shipment, delivery, delivered, tracking, courier, parcel, dispatch, dispatched, eta, transit`,
          ),
          ...weighted(0.4, en(`arrive, arrived, package, address, express`)),
        ],
        phrases:
          en(`tracking number, where is my, where it is, hasn't arrived, has not arrived, not arrived, not received, haven't received my order,
          when will it arrive, will it arrive, arrive by, change my address, delivery address, shipping address, in transit, sent out,
          send out, get here, gets here, on its way, how soon, shipped out, estimated delivery`),
        exclusions: en(
          `email address, free shipping, shipping free, shipping cost, shipping fee, shipping fees, free delivery`,
        ),
      },
    },
  },
  {
    id: 'after_sales',
    names: { 'zh-CN': '售后保修', 'zh-TW': '售後保固', en: 'After-sales & warranty' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`售后 保修 质保 保固 维修 修理 返修 修吗 能修 给修 坏了 坏的 损坏 破损 碎了 裂了 摔坏 压坏 压扁 故障 不工作 用不了
          不能用 开不了机 黑屏 死机 充不进电 充不了电 不充电 断电 没反应 不亮 异响 漏液 漏电 进水 少发 漏发 少了 缺了 配件
          换新 补发 联保 三包 坏点 划痕 瑕疵 出问题 有问题 不好使 失灵 没声音 没声 不出声 杂音 卡顿 闪屏 花屏 一条线 亮线
          不转 不出水 不加热 不制冷 连不上
          蓝屏 发烫 焦味 断网 卡纸 报错 接触不良 没有吸力 没吸力 显示不准 不准了 延保 调不到 电流声 滋滋 开胶了 漂移 没声了
          不响 不亮了 不好用了 坏掉 失灵 掉了一只 少了个 少一个 缺少 不能充 充不上 漏气 裂痕 裂缝 碎了一个 压扁 泡坏 冒烟 焦糊味 糊味 原地转圈 不出图像 没图像 鞋底掉了 塌下去 塌了 没法用 跳闸 怪声 有个洞 破了一 不出粮 断断续续 裂口 断了一根 是坏的 发的是坏的 缺口 冒火花 使用痕迹 不热了 扣不住 链条掉`),
        exclusions: zh(`少了点 少了一点 便宜 优惠 券用不了 券不能用 以旧换新`),
      },
      'zh-TW': {
        keywords: zh(
          `保固 送修 維修 故障 壞掉 瑕疵 換新 壞了 不能用 壞咗 爛咗 冇反應 唔入電 唔work 保養期 整返 維修 少咗 裂痕 少寄 甩咗 刮痕 破掉 冇風 冇聲`,
        ),
        patterns: zh(`缺*零件 少*零件 零件*壞`),
      },
      en: {
        keywords:
          en(`warranty, guarantee, repair, repaired, broken, defective, faulty, damaged, cracked, malfunction, scratched, leaking,
          replacement, missing, broke, crushed, dead, cracked, scratch, stopped charging, not responding, stopped after, motor stopped, flickers, flickering, fell off, goes off, stuck, jammed`),
        phrases:
          en(`stopped working, not working, doesn't work, does not work, won't turn on, wont turn on, after sales, after-sales,
          customer service, came broken, arrived broken, it broke, won't switch on, doesn't turn on, not turning on, no sound,
          won't charge, not charging, dead pixel, di gumagana, hindi gumagana`),
      },
    },
  },
  {
    id: 'return_refund',
    names: { 'zh-CN': '退换退款', 'zh-TW': '退換退款', en: 'Returns & refunds' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`退货 退款 退换 换货 退掉 退回 寄回 退钱 退还 能退 可以退 退吗 退不 怎么退 七天无理由 7天无理由 无理由 运费险
          仅退款 退货地址 退货运费 申请退 退不了 到账 退到 换个颜色 换颜色 换大 换小 换码 换尺码 换一个 拍错 不想要了 能换 可以换
          取消订单 能取消 取消吗 原路返回 退回来 换成 换别的 换一件 想退 要退 我要退 退了吧 给我退 退给我 推款 推货 tk 退款申请 申请了退款 同意退款 取消了 取消一下 帮我取消 发错货 换个大 换个小 换大的 换小的 就取消吧 取消吧 腿了`),
        patterns: zh(`退*运费 退*快递费 退*邮费 换*码 换*号 换*尺寸 退款*没收到 退款*没到 退款*还没`),
        exclusions: zh(`换新 退色 退差价`),
      },
      'zh-TW': {
        keywords: zh(
          `退貨 退款 換貨 鑑賞期 七天鑑賞 退費 退錢 能退 退換 可以退 換新的 退得唔得 可唔可以退 換唔換得 換過 退錢俾我 取消訂單 下錯單`,
        ),
      },
      en: {
        keywords: en(`return, returns, returned, refund, refunds, refunded, exchange, exchanged, cancel, cancellation`),
        phrases: en(
          `money back, return policy, send back, send it back, send them back, take it back, wrong item, wrong size sent`,
        ),
        patterns: en(`send * back`),
      },
    },
  },
  {
    id: 'price',
    names: { 'zh-CN': '价格优惠', 'zh-TW': '價格優惠', en: 'Price & discounts' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`便宜 优惠 优惠券 券 领券 折扣 打折 满减 减价 降价 差价 补差价 价保 价格保护 价格 价钱 多少钱 怎么卖 包邮 运费 邮费
          快递费 赠品 送个 送点 小样 红包 返现 定金 尾款 活动 秒杀 团购 拼单 砍价 少点 少一点 抹零 会员价 积分 太贵 好贵 有点贵
          贵了 加钱 加价 另收 额外收费 划算 福利 底价 最低价 出厂价 内部价 批发价 批发 团购价 双十一 双11 618 直播价 到手价 优惠码 折
          贵多了 涨价 降价了 税点 加税 yhq 送几 送点 新客 新人券 学生价 粉丝价 群友价 多少钱 几块钱 补差价 凑单 包不包邮 送一 买一送一 半价 另外收费 加收
          便宜点 便宜一点 便宜些 便宜一些 更便宜 再便宜 便宜吗 便宜不 便宜多少 能便宜 可以便宜 便宜嘛 便宜呢`),
        exclusions: zh(
          `运费险 退货运费 打折扣 折叠 折痕 不折腾 转折 来回运费 寄回运费 退回运费 折起 对折 户外活动 线下活动 活动注意`,
        ),
      },
      'zh-TW': {
        keywords: zh(
          `便宜一點 算便宜 折價券 優惠券 優惠碼 折扣 免運 運費 打折 特價 折抵 會員價 殺價 優惠 平啲 平d 幾錢 幾多錢 有冇折 蝦幣 價錢 便宜點`,
        ),
      },
      en: {
        keywords:
          en(`discount, discounts, coupon, coupons, voucher, vouchers, promo, cheaper, cheap, deal, deals, sale, bundle, rebate,
          cashback, postage, price, freebie, freebies, promo, bundle deal, pricey, expensive, free gift`),
        phrases:
          en(`promo code, discount code, better price, best price, lower price, on sale, free shipping, shipping free,
          shipping cost, shipping fee, free delivery, price match, buy 2, buy 3, original price, how much`),
      },
    },
  },
  {
    id: 'stock',
    names: { 'zh-CN': '库存', 'zh-TW': '庫存', en: 'Stock' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`有货 有货吗 没货 缺货 断货 断码 补货 现货 预售 库存 下架 卖完 售罄 还有吗 还有没 还有没有 有没有货 上新 到货
          留一件 帮我留 货源 抢光 还有几 没了吗 卖光 现货吗 什么时候有货 还会补 补吗 会补 还会有 还会上 有库存 卖断 售空 停产 还会再出 还剩几 剩几件 留一个 给我留 蹲了 返场 断了吗 还有没有货 有没有现货 库存够 什么时候有 什么时候会有 还有别的颜色 别的颜色吗 现在有吗 会再有`),
        exclusions: zh(
          `收到货 几天到货 多久到货 天到货 到货大概 到货要 还有几天 还有没有优惠 还有没有券 还有吗其他 还有没有便宜 有没有便宜`,
        ),
      },
      'zh-TW': {
        keywords: zh(
          `有貨 現貨 預購 缺貨 補貨 進貨 庫存 售完 還有嗎 完售 還有貨 賣晒 仲有冇 有冇貨 冇貨 補唔補 預訂 再上架 賣完 什麼時候會再有 什麼時候有`,
        ),
      },
      en: {
        keywords: en(`stock, restock, restocked, restocking, available, availability, preorder, inventory, backorder`),
        phrases:
          en(`in stock, out of stock, sold out, still have, any left, pre-order, pre order, back in stock, have any, come back, reserve, restock,
          coming back, have it in, have this in`),
        exclusions: en(`have any discount, have any coupon, have any voucher, have any real photo, have any warranty`),
      },
    },
  },
  {
    id: 'invoice',
    names: { 'zh-CN': '发票', 'zh-TW': '發票', en: 'Invoice' },
    rules: {
      'zh-CN': {
        keywords: zh(`发票 开票 开发票 专票 普票 增值税 电子发票 纸质发票 抬头 税号 报销 收据 小票 开具 重开 发个票`),
        patterns: zh(`发票*到哪 发票*寄 发票*没收到`),
        exclusions: zh(`宝宝抬头 会抬头`),
      },
      'zh-TW': {
        keywords: zh(`發票 統編 統一編號 電子發票 載具 三聯式 二聯式 收據 打統編 開發票`),
      },
      en: {
        keywords: en(`invoice, invoices, receipt, receipts, vat, fapiao, billing`),
        phrases: en(`tax invoice, tax id, company name, tax number`),
      },
    },
  },
];

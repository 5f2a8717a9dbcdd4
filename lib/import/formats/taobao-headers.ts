/**
 * Header rows of Taobao/Tmall 已卖出的宝贝 exports, as the seller backend writes them (GB18030).
 * Several names really end in a space; importers match names trimmed, generators write them as-is.
 */
export const TAOBAO_ORDER_HEADERS_54 = [
  '订单编号', '买家会员名', '买家支付宝账号', '买家应付货款', '买家应付邮费', '买家支付积分', '总金额', '返点积分',
  '买家实际支付金额', '买家实际支付积分', '订单状态', '买家留言', '收货人姓名', '收货地址 ', '运送方式', '联系电话 ',
  '联系手机', '订单创建时间', '订单付款时间 ', '宝贝标题 ', '宝贝种类 ', '物流单号 ', '物流公司', '订单备注',
  '宝贝总数量', '店铺Id', '店铺名称', '订单关闭原因', '卖家服务费', '买家服务费', '发票抬头', '是否手机订单',
  '分阶段订单信息', '特权订金订单id', '是否上传合同照片', '是否上传小票', '是否代付', '定金排名', '修改后的sku',
  '修改后的收货地址', '异常信息', '天猫卡券抵扣', '集分宝抵扣', '是否是O2O交易', '退款金额', '预约门店',
  '确认收货时间', '打款商家金额', '含应开票给个人的个人红包', '是否信用购', '新零售交易类型', '新零售导购门店id',
  '新零售导购门店名称', '新零售发货门店id',
] as const;

/** The newer 61-column report: the 54 above plus payment and retail columns at the end. */
export const TAOBAO_ORDER_HEADERS_61 = [
  ...TAOBAO_ORDER_HEADERS_54,
  '新零售发货门店名称', '新零售成交门店id', '新零售成交门店名称', '支付单号', '支付详情', '预售时间', '是否直播订单',
] as const;

/** The item (sub-order) report, one row per line item. */
export const TAOBAO_ITEM_HEADERS = [
  '子订单编号', '主订单编号', '商品标题', '商品价格', '购买数量', '外部系统编号', '商品属性', '套餐信息', '备注',
  '订单状态', '商家编码', '买家应付货款', '买家实付金额', '打款商家金额', '退款状态', '退款金额', '订单创建时间',
  '订单付款时间', '发货时间', '物流单号', '物流公司',
] as const;

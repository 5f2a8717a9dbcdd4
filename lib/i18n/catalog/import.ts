import type { Catalog } from '../types';

/** Strings of the order-export importer: problem reports and format names. */
export const importStrings = {
  // Where a problem is. `{file}` is the file name as the user chose it.
  import_whereFile: { zh: '{file}', en: '{file}' },
  import_whereLine: { zh: '{file} 第 {line} 行', en: '{file} line {line}' },
  import_whereColumn: { zh: '{file} 第 {line} 行第 {column} 列', en: '{file} line {line}, column {column}' },
  import_whereColumnName: {
    zh: '{file} 第 {line} 行第 {column} 列（{columnName}）',
    en: '{file} line {line}, column {column} ({columnName})',
  },
  import_inSheet: { zh: '{file} 工作表 {sheet}', en: '{file} sheet {sheet}' },
  import_issue: { zh: '{where}：{message}', en: '{where}: {message}' },
  import_rowSkipped: { zh: '{message}，已跳过该行', en: '{message}; row skipped' },
  import_listSeparator: { zh: '、', en: ', ' },
  import_formatSeparator: { zh: '；', en: '; ' },

  // Whole-file problems: nothing is imported.
  import_emptyFile: { zh: '文件是空的，没有表头也没有数据', en: 'the file is empty: no header and no data' },
  import_notCsv: {
    zh: '无法读取这种文件（看起来是 {kind}）。请在表格软件中另存为 .xlsx 或 CSV 后再导入',
    en: 'this kind of file cannot be read (it looks like {kind}). Save it as .xlsx or CSV in your spreadsheet program and import that',
  },
  import_badWorkbook: {
    zh: '无法读取这个 Excel 工作簿（文件不完整、已损坏或加了密码）。请在 Excel 或 WPS 中打开，另存为 .xlsx 或 CSV 后再导入',
    en: 'this Excel workbook cannot be read (incomplete, damaged or password-protected). Open it in Excel or WPS, save it as .xlsx or CSV and import that',
  },
  import_kind_xlsx: { zh: 'Excel 工作簿 .xlsx', en: 'an Excel .xlsx workbook' },
  import_kind_xls: { zh: 'Excel 97-2003 工作簿 .xls', en: 'an Excel 97-2003 .xls workbook' },
  import_kind_html: { zh: '网页表格（HTML）', en: 'an HTML table' },
  import_kind_binary: { zh: '二进制文件', en: 'a binary file' },
  import_unknownFormat: {
    zh: '无法识别表头（{found}）。支持的导出及必需的列：{formats}。也可以选择“通用表格”并手动指定列',
    en: 'unrecognised header ({found}). Supported exports and their required columns: {formats}. You can also choose "Generic table" and map the columns yourself',
  },
  import_formatColumnsMissing: {
    zh: '表头缺少{format}必需的列：{columns}',
    en: 'the header lacks columns that {format} requires: {columns}',
  },
  import_mappingRequired: {
    zh: '请为以下字段指定对应的列：{fields}',
    en: 'choose a column for each of: {fields}',
  },
  import_mappingColumnMissing: {
    zh: '为“{field}”指定的列“{column}”不在表头中',
    en: 'the column "{column}" chosen for "{field}" is not in the header',
  },
  import_badTimeZone: { zh: '无法识别的时区“{value}”', en: 'unknown time zone "{value}"' },

  // Row problems. Errors skip the row; warnings keep it.
  import_badDate: { zh: '无法识别的日期 “{value}”', en: 'unrecognised date "{value}"' },
  import_badAmount: { zh: '无法识别的金额 “{value}”', en: 'unrecognised amount "{value}"' },
  import_badQuantity: { zh: '无法识别的数量 “{value}”', en: 'unrecognised quantity "{value}"' },
  import_missingValue: { zh: '内容为空', en: 'the value is empty' },
  import_idMangled: {
    zh: '编号 “{value}” 已被表格软件改写成科学计数法，无法还原',
    en: 'the id "{value}" was turned into scientific notation by a spreadsheet program and cannot be recovered',
  },
  import_fieldCount: {
    zh: '该行有 {actual} 列，表头有 {expected} 列',
    en: 'the row has {actual} columns but the header has {expected}',
  },
  import_unterminatedQuote: {
    zh: '从这里开始的引号一直没有闭合，此后的内容无法读取',
    en: 'a quote opened here is never closed, so nothing after it can be read',
  },
  import_strayQuote: {
    zh: '字段中有多余的引号，已按原样保留',
    en: 'stray quote inside the value, kept as it is',
  },
  import_undecodable: {
    zh: '有无法解码的字节（文件编码不一致或文件末尾被截断），已用 � 代替',
    en: 'undecodable bytes (mixed encodings or a truncated file), replaced with �',
  },
  import_unknownCurrency: {
    zh: '无法识别的币种 “{value}”（应为 CNY、MYR 这样的三字母代码或 ¥、RM 这样的符号），此行未导入',
    en: 'unrecognised currency "{value}" (expected a three-letter code such as CNY or MYR, or a symbol such as ¥ or RM); row skipped',
  },
  import_unknownStatus: {
    zh: '无法识别的订单状态 “{value}”，按“未知”导入',
    en: 'unrecognised order status "{value}", imported as unknown',
  },

  // Format names, shown when detection is reported or fails.
  import_format_taobao_order: { zh: '淘宝/天猫订单报表', en: 'Taobao/Tmall order report' },
  import_format_taobao_item: { zh: '淘宝/天猫宝贝报表', en: 'Taobao/Tmall item report' },
  import_format_pinduoduo: { zh: '拼多多订单', en: 'Pinduoduo orders' },
  import_format_douyin: { zh: '抖店订单', en: 'Douyin shop orders' },
  import_format_jd: { zh: '京东 POP 订单', en: 'JD POP orders' },
  import_format_shopify: { zh: 'Shopify 订单', en: 'Shopify orders' },
  import_format_shopee: { zh: 'Shopee 订单', en: 'Shopee orders' },
  import_format_generic: { zh: '通用表格', en: 'Generic table' },

  // Fields of a column mapping, as the mapping editor shows them.
  import_field_order: { zh: '订单号', en: 'Order id' },
  import_field_line: { zh: '子订单号', en: 'Line id' },
  import_field_buyer: { zh: '买家账号', en: 'Buyer account' },
  import_field_buyerNick: { zh: '买家昵称', en: 'Buyer name' },
  import_field_status: { zh: '订单状态', en: 'Order status' },
  import_field_closeReason: { zh: '关闭原因', en: 'Close reason' },
  import_field_afterSale: { zh: '售后状态', en: 'After-sale status' },
  import_field_fulfillment: { zh: '发货状态', en: 'Fulfilment status' },
  import_field_cancelledAt: { zh: '取消时间', en: 'Cancelled at' },
  import_field_time: { zh: '下单时间', en: 'Order time' },
  import_field_paidTime: { zh: '付款时间', en: 'Paid time' },
  import_field_shipTime: { zh: '发货时间', en: 'Shipped at' },
  import_field_trackingNo: { zh: '物流单号', en: 'Tracking number' },
  import_field_carrier: { zh: '物流公司', en: 'Carrier' },
  import_field_amount: { zh: '实付金额', en: 'Amount paid' },
  import_field_refund: { zh: '退款金额', en: 'Refund' },
  import_field_item: { zh: '商品名称', en: 'Item' },
  import_field_quantity: { zh: '数量', en: 'Quantity' },
  import_field_sku: { zh: '商家编码', en: 'SKU' },
  import_field_variant: { zh: '商品规格', en: 'Variant' },
  import_field_lineAmount: { zh: '商品实付金额', en: 'Line amount' },
  import_field_lineRefund: { zh: '商品退款金额', en: 'Line refund' },
  import_field_currency: { zh: '币种', en: 'Currency' },
  import_field_country: { zh: '国家/站点', en: 'Country / site' },
  import_field_phone: { zh: '联系电话', en: 'Phone' },
  import_field_address: { zh: '收货地址', en: 'Address' },

  // An import the browser stopped.
  import_outOfStorage: {
    zh: '浏览器存储空间不足，写入中止。已写入的买家数据完整保留；释放空间后重新导入同一文件即可。',
    en: 'The browser ran out of storage space while writing. Buyers written before stay complete; free space and run the same import again.',
  },
} satisfies Catalog;

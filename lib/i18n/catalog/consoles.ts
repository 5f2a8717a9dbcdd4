import type { Catalog } from '../types';

/** Strings about chat consoles: recognising the page, inserting text, and the custom-console form. */
export const consoles = {
  consoles_status_loading: { zh: '正在等待聊天工作台加载…', en: 'Waiting for the chat console to load…' },
  consoles_status_notRecognised: {
    zh: '无法识别此页面，工作台可能已改版。未找到：{parts}',
    en: 'This page is not recognised; the console may have changed. Not found: {parts}',
  },
  consoles_status_degraded: {
    zh: '部分信息读取不到（{parts}），其余功能照常可用',
    en: 'Some details could not be read ({parts}); everything else still works',
  },
  consoles_status_inputMissing: {
    zh: '找不到输入框，话术只能复制后手动粘贴',
    en: 'No message box found; copy the reply and paste it yourself',
  },

  consoles_part_frame: { zh: '聊天框架', en: 'chat frame' },
  consoles_part_ready: { zh: '工作台主体', en: 'console frame' },
  consoles_part_buyerId: { zh: '买家 ID', en: 'buyer ID' },
  consoles_part_buyerNick: { zh: '买家昵称', en: 'buyer name' },
  consoles_part_messageRow: { zh: '消息列表', en: 'message list' },
  consoles_part_messageList: { zh: '消息列表容器', en: 'message list container' },
  consoles_part_messageText: { zh: '消息正文', en: 'message text' },
  consoles_part_authorBuyer: { zh: '买家消息标识', en: 'buyer message marker' },
  consoles_part_authorAgent: { zh: '客服消息标识', en: 'agent message marker' },
  consoles_part_authorSystem: { zh: '系统消息标识', en: 'system message marker' },
  consoles_part_messageId: { zh: '消息 ID', en: 'message ID' },
  consoles_part_input: { zh: '输入框', en: 'message box' },
  consoles_part_inputKind: { zh: '输入框类型', en: 'message box type' },
  consoles_part_sendButton: { zh: '发送按钮', en: 'send button' },
  consoles_part_conversationRow: { zh: '会话列表', en: 'conversation list' },
  consoles_part_unread: { zh: '未读标记', en: 'unread marker' },

  consoles_insert_notEditable: { zh: '输入框当前不可编辑', en: 'The message box cannot be edited right now' },
  consoles_insert_detached: {
    zh: '输入框已不在页面上，请重新打开会话',
    en: 'The message box is gone from the page; reopen the conversation',
  },
  consoles_insert_tooLong: {
    zh: '插入后超过输入框的字数上限',
    en: 'The text would exceed the message box’s length limit',
  },
  consoles_insert_notApplied: {
    zh: '工作台没有接受插入的文字，请复制后手动粘贴',
    en: 'The console did not accept the text; copy and paste it yourself',
  },

  consoles_err_selectorEmpty: { zh: '{field}：请填写 CSS 选择器', en: '{field}: enter a CSS selector' },
  consoles_err_selectorTooLong: {
    zh: '{field}：选择器过长（最多 {max} 个字符）',
    en: '{field}: selector is too long (at most {max} characters)',
  },
  consoles_err_selectorInvalid: {
    zh: '{field}：不是有效的 CSS 选择器（检查引号、方括号和圆括号是否成对）',
    en: '{field}: not a valid CSS selector (check that quotes and brackets are paired)',
  },
  consoles_err_attrInvalid: {
    zh: '{field}：属性名只能包含字母、数字、-、_、:、.',
    en: '{field}: an attribute name uses letters, digits, -, _, : and . only',
  },
  consoles_err_patternTooLong: {
    zh: '{field}：匹配规则过长（最多 {max} 个字符）',
    en: '{field}: pattern is too long (at most {max} characters)',
  },
  consoles_err_pattern_syntax: {
    zh: '{field}：匹配规则应形如 https://example.com/chat/*',
    en: '{field}: a pattern looks like https://example.com/chat/*',
  },
  consoles_err_pattern_scheme: {
    zh: '{field}：只支持 http、https 或 *',
    en: '{field}: only http, https or * is supported',
  },
  consoles_err_pattern_host: {
    zh: '{field}：域名无效（可用 *.example.com 匹配子域名）',
    en: '{field}: invalid host (use *.example.com for subdomains)',
  },
  consoles_err_pattern_port: {
    zh: '{field}：请去掉端口号，匹配时会忽略端口',
    en: '{field}: leave the port out; ports are ignored when matching',
  },
  consoles_err_pattern_path: {
    zh: '{field}：域名后需要路径，例如 /* ',
    en: '{field}: a path must follow the host, e.g. /*',
  },
  consoles_err_patternAnyHost: {
    zh: '{field}：不能匹配所有网站，请写明工作台的域名',
    en: '{field}: a pattern cannot match every site; name the console’s host',
  },
  consoles_err_substringTooLong: {
    zh: '{field}：文字过长（最多 {max} 个字符）',
    en: '{field}: too long (at most {max} characters)',
  },
  consoles_err_pathPrefix: { zh: '{field}：路径前缀需以 / 开头', en: '{field}: a path prefix starts with /' },
  consoles_err_nameLength: { zh: '{field}：名称需为 1–40 个字符', en: '{field}: a name has 1–40 characters' },
  consoles_err_urlInvalid: {
    zh: '{field}：请填写以 http:// 或 https:// 开头的完整网址',
    en: '{field}: enter a full address starting with http:// or https://',
  },
  consoles_err_idFormat: {
    zh: '{field}：标识只能用小写字母、数字、- 和 _（最多 48 个字符）',
    en: '{field}: an ID uses lower-case letters, digits, - and _ (at most 48 characters)',
  },
  consoles_err_idTaken: {
    zh: '{field}：标识“{id}”已被内置工作台使用',
    en: '{field}: the ID “{id}” belongs to a built-in console',
  },
  consoles_err_matchesEmpty: { zh: '{field}：至少需要一条匹配规则', en: '{field}: add at least one pattern' },
  consoles_err_examplesEmpty: {
    zh: '{field}：至少填写一个工作台网址示例',
    en: '{field}: add at least one example address of the console',
  },
  consoles_err_exampleNoMatch: {
    zh: '示例网址 {url} 不符合上面的匹配规则',
    en: 'The example address {url} is not matched by the rules above',
  },
  consoles_err_counterExampleMatches: {
    zh: '反例网址 {url} 被匹配规则误匹配了',
    en: 'The counter-example {url} is matched by the rules, but should not be',
  },
  consoles_err_other: { zh: '{field}：{detail}', en: '{field}: {detail}' },
  consoles_err_repairUnknown: { zh: '没有标识为“{id}”的内置工作台', en: 'There is no built-in console “{id}”' },
  consoles_err_repairKey: { zh: '修复里不该有“{key}”', en: 'A repair may not set “{key}”' },

  consoles_nav: { zh: '聊天工作台', en: 'Consoles' },
  consoles_intro: {
    zh: '侧边栏会出现在下列客服工作台里。店铺用的工作台不在列表中时，可以自己添加：填写网址规则和页面元素的 CSS 选择器，先在打开的页面上测试，再保存。',
    en: 'The sidebar appears in the chat consoles below. If your console is not listed, add it yourself: enter its address pattern and the CSS selectors of its page elements, test them on an open tab, then save.',
  },
  consoles_builtIn: { zh: '内置工作台', en: 'Built-in consoles' },
  consoles_custom: { zh: '自定义工作台', en: 'Custom consoles' },
  consoles_none: { zh: '还没有自定义工作台。', en: 'No custom consoles yet.' },
  consoles_add: { zh: '添加工作台', en: 'Add a console' },
  consoles_edit: { zh: '编辑', en: 'Edit' },
  consoles_delete: { zh: '删除', en: 'Delete' },
  consoles_cancel: { zh: '取消', en: 'Cancel' },
  consoles_save: { zh: '保存并授权', en: 'Save and allow' },
  consoles_grant: { zh: '授予访问权限', en: 'Allow access' },
  consoles_state_active: { zh: '已启用', en: 'Active' },
  consoles_state_waiting: { zh: '未授权：侧边栏不会出现', en: 'Not allowed: the sidebar will not appear' },
  consoles_saved: {
    zh: '已保存。打开或刷新工作台页面后，侧边栏就会出现。',
    en: 'Saved. Open or reload the console page and the sidebar appears.',
  },
  consoles_savedNoPermission: {
    zh: '已保存，但没有获得访问该网站的权限，侧边栏不会出现。可稍后点“授予访问权限”。',
    en: 'Saved, but access to the site was not allowed, so the sidebar will not appear. You can allow it later.',
  },
  consoles_deleted: { zh: '已删除“{name}”。', en: 'Deleted “{name}”.' },

  consoles_field_name: { zh: '名称', en: 'Name' },
  consoles_field_platform: { zh: '平台', en: 'Platform' },
  consoles_field_patterns: { zh: '网址匹配规则（每行一条）', en: 'Address patterns (one per line)' },
  consoles_field_patternsHelp: {
    zh: '例如 https://sellercenter.example.com/im/*，* 可匹配任意字符',
    en: 'For example https://sellercenter.example.com/im/*; * matches anything',
  },
  consoles_field_example: { zh: '工作台网址示例', en: 'Example address of the console' },
  consoles_field_exampleHelp: { zh: '测试时会自动填入所选标签页的网址', en: 'Filled in from the tab you test on' },
  consoles_field_attr: { zh: '从属性读取（可选）', en: 'Read from attribute (optional)' },
  consoles_field_inputKind: { zh: '输入框类型', en: 'Message box type' },
  consoles_field_selectors: { zh: '页面元素（CSS 选择器）', en: 'Page elements (CSS selectors)' },
  consoles_optional: { zh: '（可选）', en: ' (optional)' },
  consoles_field_orderPanel: { zh: '订单栏', en: 'Order panel' },
  consoles_field_orderPanelHelp: {
    zh: '控制台在聊天旁列出当前买家的订单时填写：“每笔订单”选中每一行，其余填行内的元素（留空表示不显示）。看到的订单号会把导入的无买家订单关联到这位买家。',
    en: 'Fill in when the console lists the open buyer\'s orders beside the chat: "Each order" selects each row, the others an element inside it (empty = not shown). Order numbers seen there tie imported orders without a buyer to this buyer.',
  },
  consoles_order_row: { zh: '每笔订单', en: 'Each order' },
  consoles_order_orderId: { zh: '订单号', en: 'Order number' },
  consoles_order_status: { zh: '订单状态', en: 'Status' },
  consoles_order_amount: { zh: '金额', en: 'Amount' },
  consoles_order_time: { zh: '下单时间', en: 'Order time' },
  consoles_order_tracking: { zh: '运单号', en: 'Tracking number' },
  consoles_order_carrier: { zh: '快递公司', en: 'Carrier' },
  consoles_field_productCards: { zh: '商品卡片', en: 'Product cards' },
  consoles_product_card: { zh: '每张商品卡片', en: 'Each product card' },
  consoles_product_title: { zh: '商品标题', en: 'Product title' },
  consoles_product_id: { zh: '商品编号或链接', en: 'Product id or link' },
  consoles_product_idParam: { zh: '链接中的编号参数（可选）', en: 'Id parameter of the link (optional)' },
  consoles_inputKind_auto: { zh: '自动识别', en: 'Detect' },
  consoles_inputKind_textarea: { zh: '文本框 textarea', en: 'Text area' },
  consoles_inputKind_contenteditable: { zh: '富文本 contenteditable', en: 'Rich text (contenteditable)' },
  consoles_inputKind_lexical: { zh: 'Lexical 编辑器', en: 'Lexical editor' },

  consoles_test_title: { zh: '在打开的页面上测试', en: 'Test on an open tab' },
  consoles_test_tab: { zh: '标签页', en: 'Tab' },
  consoles_test_noTabs: {
    zh: '没有可测试的标签页。请先在浏览器中打开工作台页面，再点“刷新”。',
    en: 'No tab to test on. Open the console page in the browser, then refresh.',
  },
  consoles_test_refresh: { zh: '刷新', en: 'Refresh' },
  consoles_test_run: { zh: '测试选择器', en: 'Test selectors' },
  consoles_test_running: { zh: '正在测试…', en: 'Testing…' },
  consoles_test_summary: {
    zh: '消息列表匹配 {rows} 条；当前买家：{buyer}',
    en: 'This selector matches {rows} rows; current buyer: {buyer}',
  },
  consoles_test_noBuyer: { zh: '（未读到）', en: '(not found)' },
  consoles_test_authors: {
    zh: '其中买家消息 {buyer} 条，客服消息 {agent} 条，有正文的 {text} 条',
    en: 'Of these, {buyer} from the buyer, {agent} from agents, {text} with message text',
  },
  consoles_test_count: { zh: '匹配 {count} 个', en: '{count} found' },
  consoles_test_invalid: { zh: '浏览器不接受这个选择器', en: 'The browser rejects this selector' },
  consoles_test_missing: { zh: '未匹配到，请检查', en: 'Nothing found; check it' },
  consoles_test_denied: {
    zh: '没有获得访问该网站的权限，无法测试。',
    en: 'Access to the site was not allowed, so the test cannot run.',
  },
  consoles_test_failed: { zh: '无法在这个标签页上测试：{message}', en: 'Could not test on this tab: {message}' },
  consoles_test_needPattern: { zh: '请先填写网址匹配规则。', en: 'Enter an address pattern first.' },
} satisfies Catalog;

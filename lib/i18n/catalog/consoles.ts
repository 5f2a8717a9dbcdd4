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
  consoles_status_inputMissing: { zh: '找不到输入框，话术只能复制后手动粘贴', en: 'No message box found; copy the reply and paste it yourself' },

  consoles_part_ready: { zh: '工作台主体', en: 'console frame' },
  consoles_part_buyerId: { zh: '买家 ID', en: 'buyer ID' },
  consoles_part_buyerNick: { zh: '买家昵称', en: 'buyer name' },
  consoles_part_messageRow: { zh: '消息列表', en: 'message list' },
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
  consoles_insert_detached: { zh: '输入框已不在页面上，请重新打开会话', en: 'The message box is gone from the page; reopen the conversation' },
  consoles_insert_tooLong: { zh: '插入后超过输入框的字数上限', en: 'The text would exceed the message box’s length limit' },
  consoles_insert_notApplied: { zh: '工作台没有接受插入的文字，请复制后手动粘贴', en: 'The console did not accept the text; copy and paste it yourself' },

  consoles_err_selectorEmpty: { zh: '{field}：请填写 CSS 选择器', en: '{field}: enter a CSS selector' },
  consoles_err_selectorTooLong: { zh: '{field}：选择器过长（最多 {max} 个字符）', en: '{field}: selector is too long (at most {max} characters)' },
  consoles_err_selectorInvalid: {
    zh: '{field}：不是有效的 CSS 选择器（检查引号、方括号和圆括号是否成对）',
    en: '{field}: not a valid CSS selector (check that quotes and brackets are paired)',
  },
  consoles_err_attrInvalid: { zh: '{field}：属性名只能包含字母、数字、-、_、:、.', en: '{field}: an attribute name uses letters, digits, -, _, : and . only' },
  consoles_err_patternTooLong: { zh: '{field}：匹配规则过长（最多 {max} 个字符）', en: '{field}: pattern is too long (at most {max} characters)' },
  consoles_err_pattern_syntax: {
    zh: '{field}：匹配规则应形如 https://example.com/chat/*',
    en: '{field}: a pattern looks like https://example.com/chat/*',
  },
  consoles_err_pattern_scheme: { zh: '{field}：只支持 http、https 或 *', en: '{field}: only http, https or * is supported' },
  consoles_err_pattern_host: {
    zh: '{field}：域名无效（可用 *.example.com 匹配子域名）',
    en: '{field}: invalid host (use *.example.com for subdomains)',
  },
  consoles_err_pattern_port: { zh: '{field}：请去掉端口号，匹配时会忽略端口', en: '{field}: leave the port out; ports are ignored when matching' },
  consoles_err_pattern_path: { zh: '{field}：域名后需要路径，例如 /* ', en: '{field}: a path must follow the host, e.g. /*' },
  consoles_err_patternAnyHost: {
    zh: '{field}：不能匹配所有网站，请写明工作台的域名',
    en: '{field}: a pattern cannot match every site; name the console’s host',
  },
  consoles_err_substringTooLong: { zh: '{field}：文字过长（最多 {max} 个字符）', en: '{field}: too long (at most {max} characters)' },
  consoles_err_pathPrefix: { zh: '{field}：路径前缀需以 / 开头', en: '{field}: a path prefix starts with /' },
  consoles_err_nameLength: { zh: '{field}：名称需为 1–40 个字符', en: '{field}: a name has 1–40 characters' },
  consoles_err_urlInvalid: { zh: '{field}：请填写以 http:// 或 https:// 开头的完整网址', en: '{field}: enter a full address starting with http:// or https://' },
  consoles_err_idFormat: {
    zh: '{field}：标识只能用小写字母、数字、- 和 _（最多 48 个字符）',
    en: '{field}: an ID uses lower-case letters, digits, - and _ (at most 48 characters)',
  },
  consoles_err_idTaken: { zh: '{field}：标识“{id}”已被内置工作台使用', en: '{field}: the ID “{id}” belongs to a built-in console' },
  consoles_err_matchesEmpty: { zh: '{field}：至少需要一条匹配规则', en: '{field}: add at least one pattern' },
  consoles_err_examplesEmpty: { zh: '{field}：至少填写一个工作台网址示例', en: '{field}: add at least one example address of the console' },
  consoles_err_exampleNoMatch: { zh: '示例网址 {url} 不符合上面的匹配规则', en: 'The example address {url} is not matched by the rules above' },
  consoles_err_counterExampleMatches: { zh: '反例网址 {url} 被匹配规则误匹配了', en: 'The counter-example {url} is matched by the rules, but should not be' },
  consoles_err_other: { zh: '{field}：{detail}', en: '{field}: {detail}' },
} satisfies Catalog;

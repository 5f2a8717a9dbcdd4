import type { Catalog } from '../types';

/**
 * Strings of teaching a console by pointing (the picker on the console page) and of the console's
 * health as the sidebar, the popup and the options page tell it. The picker is a content script:
 * it imports this file alone, not the whole catalogue.
 */
export const picker = {
  part_page: { zh: '聊天区域', en: 'chat area' },
  part_buyerNick: { zh: '买家昵称', en: 'buyer name' },
  part_buyerId: { zh: '买家 ID', en: 'buyer ID' },
  part_messages: { zh: '消息', en: 'messages' },
  part_input: { zh: '输入框', en: 'message box' },
  part_sendButton: { zh: '发送按钮', en: 'send button' },
  part_conversations: { zh: '会话列表', en: 'conversation list' },

  health_notFound: { zh: '找不到：{parts}（{since} 起）', en: 'Not found: {parts} (since {since})' },
  health_notFoundNoTime: { zh: '找不到：{parts}', en: 'Not found: {parts}' },
  health_repoint: { zh: '重新指一下', en: 'Point it out again' },
  health_teach: { zh: '教会回头客这个页面', en: 'Teach Huitouke this page' },
  health_teachHelp: {
    zh: '在页面上依次点一下买家昵称、消息、输入框，回头客就认识这个工作台了。',
    en: 'Click the buyer name, some messages and the message box on the page, and Huitouke knows this console.',
  },
  health_repaired: { zh: '已按你的指认修复：{parts}', en: 'Repaired as you pointed: {parts}' },
  health_restore: { zh: '恢复内置', en: 'Restore built-in' },
  health_restored: { zh: '已恢复“{console}”的内置设置。', en: 'Restored the built-in settings of “{console}”.' },
  health_ok: { zh: '回头客正在读取：{console}', en: 'Huitouke is reading: {console}' },
  health_broken: { zh: '{console} 的页面有变化', en: '{console} has changed' },
  health_notThisConsole: {
    zh: '这个页面不像 {console}。如果它是另一个工作台，点“教会回头客这个页面”；如果是 {console} 改版了，点“重新指一下”。',
    en: 'This page does not look like {console}. If it is another console, teach Huitouke this page; if {console} changed, point it out again.',
  },
  health_loading: { zh: '正在等待 {console} 加载…', en: 'Waiting for {console} to load…' },
  health_pinNeeded: {
    zh: '已设置主管 PIN：请点浏览器工具栏里的回头客图标，在弹窗中点“重新指一下”并输入 PIN。',
    en: 'A supervisor PIN is set: open Huitouke from the browser toolbar, choose “Point it out again” and enter the PIN.',
  },
  health_pinLabel: { zh: '主管 PIN', en: 'Supervisor PIN' },
  health_pinWrong: { zh: 'PIN 不正确', en: 'Wrong PIN' },
  health_pinLocked: { zh: '尝试次数过多，请稍后再试', en: 'Too many attempts; try again later' },
  health_startFailed: { zh: '无法在这个页面上开始：{message}', en: 'Could not start on this page: {message}' },
  health_denied: { zh: '没有获得访问该网站的权限。', en: 'Access to the site was not allowed.' },
  health_unsupported: {
    zh: '不支持：放在其他网站框架里的聊天，以及千牛电脑版等桌面客户端。',
    en: 'Not supported: chats inside a frame of another site, and desktop clients such as Qianniu for PC.',
  },

  ws_pack_consoles: {
    zh: '同时导入工作台：{custom} 个指认的工作台、{repairs} 个内置工作台的修复（同名的会被替换；新网站需在“聊天工作台”里允许访问）',
    en: 'Also take consoles: {custom} taught, {repairs} repairs of built-in ones (the same ones are replaced; new sites need access allowed under Consoles)',
  },

  picker_title: { zh: '教回头客认识这个页面', en: 'Teach Huitouke this page' },
  picker_titleRepair: { zh: '重新指认：{console}', en: 'Point out again: {console}' },
  picker_step: { zh: '第 {n}/{total} 步', en: 'Step {n} of {total}' },
  picker_ask_buyerNick: { zh: '点一下当前会话的买家昵称。', en: "Click the open conversation's buyer name." },
  picker_ask_buyerId: {
    zh: '页面上显示买家 ID 吗？显示就点一下它，不显示就点“跳过”。',
    en: 'Does the page show the buyer ID? Click it, or skip.',
  },
  picker_ask_buyerMessages: {
    zh: '点两条买家发来的消息（已点 {done}/2）。',
    en: 'Click two messages from the buyer ({done} of 2).',
  },
  picker_ask_agentMessages: {
    zh: '点两条客服发出的消息（已点 {done}/2）。',
    en: 'Click two messages sent by the shop ({done} of 2).',
  },
  picker_ask_input: { zh: '点一下输入框。', en: 'Click the message box.' },
  picker_ask_sendButton: {
    zh: '点一下发送按钮（只是认出它，回头客从不替你发送）。没有就点“跳过”。',
    en: 'Click the send button (only to know it; Huitouke never sends). Skip if there is none.',
  },
  picker_review: { zh: '检查一下，没问题就保存。', en: 'Check, then save.' },
  picker_keys: {
    zh: 'Esc 取消 · Enter 选定高亮处（检查时保存）· ↑/↓ 放大/缩小选区 · Backspace 上一步',
    en: 'Esc cancels · Enter picks the highlight (saves on the check) · ↑/↓ widen/narrow · Backspace goes back',
  },
  picker_skip: { zh: '跳过', en: 'Skip' },
  picker_back: { zh: '上一步', en: 'Back' },
  picker_cancel: { zh: '取消', en: 'Cancel' },
  picker_save: { zh: '保存', en: 'Save' },
  picker_saving: { zh: '正在保存…', en: 'Saving…' },
  picker_saved: { zh: '已保存，回头客现在认识这个页面了。', en: 'Saved. Huitouke knows this page now.' },
  picker_savedWaiting: {
    zh: '已保存，但还没有访问这个网站的权限，侧边栏不会出现。',
    en: 'Saved, but access to this site is not allowed yet, so the sidebar will not appear.',
  },
  picker_close: { zh: '关闭', en: 'Close' },
  picker_move: { zh: '换一边', en: 'Move' },
  picker_count: { zh: '匹配 {count} 个', en: '{count} found' },
  picker_reads: { zh: '读到：{text}', en: 'Reads: {text}' },
  picker_messagesSummary: {
    zh: '消息 {rows} 条：买家 {buyer} 条，客服 {agent} 条',
    en: '{rows} messages: {buyer} from the buyer, {agent} from the shop',
  },
  picker_wholeRow: {
    zh: '没有只含正文的元素，将读取整条消息的文字。',
    en: 'No element holds just the text; the whole message row is read.',
  },
  picker_preview: { zh: '现在会读到', en: 'What it reads now' },
  picker_previewBuyer: { zh: '买家：{nick}', en: 'Buyer: {nick}' },
  picker_previewNothing: { zh: '还读不到会话，找不到：{parts}', en: 'No conversation read yet; not found: {parts}' },
  picker_author_buyer: { zh: '买家', en: 'Buyer' },
  picker_author_agent: { zh: '客服', en: 'Shop' },
  picker_author_system: { zh: '系统', en: 'System' },
  picker_inputFound: { zh: '输入框：已找到', en: 'Message box: found' },
  picker_inputMissing: { zh: '输入框：找不到', en: 'Message box: not found' },
  picker_name: { zh: '名称', en: 'Name' },
  picker_platform: { zh: '订单来自哪个平台', en: 'Platform of the orders' },
  picker_pattern: { zh: '在这些网址上出现', en: 'Appears on these addresses' },
  picker_inFrame: {
    zh: '聊天在页面的框架里（同一网站）：已记下。',
    en: 'The chat sits in a frame of the same site: noted.',
  },
  picker_otherDocument: {
    zh: '请在同一个聊天区域里点（这一处和前面点的不在同一个框架里）。',
    en: 'Click within the same chat area (this is in another frame than the earlier clicks).',
  },
  picker_problem_noSelector: {
    zh: '找不到稳定认出它的方法，请点它里面或旁边的文字试试。',
    en: 'No stable way to find it; try clicking the text inside or next to it.',
  },
  picker_problem_noText: { zh: '这里没有文字，请点有文字的地方。', en: 'There is no text here; click some text.' },
  picker_problem_sameMessage: { zh: '请点不同的消息。', en: 'Click different messages.' },
  picker_problem_nested: {
    zh: '点的两处在同一条消息里，请点不同的消息。',
    en: 'Both clicks are in one message; click different messages.',
  },
  picker_problem_authorsAlike: {
    zh: '买家和客服的消息看起来一样，回头客分不出来。请换几条消息再点。',
    en: 'Buyer and shop messages look alike; Huitouke cannot tell them apart. Try other messages.',
  },
  picker_problem_rowsDiffer: {
    zh: '这几条消息的结构不一样，请换几条再点。',
    en: 'These messages are built differently; try other ones.',
  },
  picker_problem_notEditable: {
    zh: '这里不能输入文字，请点输入框本身。',
    en: 'This cannot take text; click the message box itself.',
  },
  picker_problem_wrongRole: {
    zh: '这样认会把另一方的消息也认进来，请换几条消息再点。',
    en: "That would also pick the other side's messages; try other ones.",
  },
  picker_err_notThisPage: {
    zh: '这个页面不是要保存的工作台，请在那个工作台的页面上重新指认。',
    en: 'This page is not the console being saved; point it out again on that console.',
  },
  picker_saveFailed: { zh: '保存失败：{message}', en: 'Could not save: {message}' },
  picker_platform_taobao: { zh: '淘宝/天猫', en: 'Taobao/Tmall' },
  picker_platform_pinduoduo: { zh: '拼多多', en: 'Pinduoduo' },
  picker_platform_douyin: { zh: '抖音', en: 'Douyin' },
  picker_platform_jd: { zh: '京东', en: 'JD' },
  picker_platform_shopee: { zh: 'Shopee', en: 'Shopee' },
  picker_platform_shopify: { zh: 'Shopify', en: 'Shopify' },
  picker_platform_other: { zh: '其他', en: 'Other' },
} satisfies Catalog;

import type { Catalog } from '../types';

/** Strings of the compliance guard: its rule names, the console marker and the options section (发送检查). */
export const guard = {
  guard_list_absolute: { zh: '极限词', en: 'Absolute claims' },
  guard_list_authority: { zh: '权威背书用语', en: 'Claims of official endorsement' },
  guard_list_medical: { zh: '医疗功效用语', en: 'Medical claims' },
  guard_list_guarantee: { zh: '功效保证', en: 'Guaranteed results' },
  guard_list_contact: { zh: '站外联系方式', en: 'Off-platform contact' },
  guard_repeat: { zh: '与上一条消息相同', en: 'Same as your last message' },
  guard_repeatBuyers: { zh: '相同内容近期已发给 {count} 位买家', en: 'Same text recently sent to {count} buyers' },
  guard_tooLong: { zh: '超出长度（{length}/{max} 字）', en: 'Too long ({length}/{max} characters)' },
  guard_tooMany: { zh: '已连续发 {count} 条（上限 {max} 条）', en: '{count} messages in a row (limit {max})' },
  guard_hit: { zh: '{name}：{words}', en: '{name}: {words}' },
  guard_wordSep: { zh: '、', en: ', ' },
  guard_findingSep: { zh: '；', en: '; ' },
  guard_marker: { zh: '发送前检查：{findings}', en: 'Check before sending: {findings}' },
  guard_insertNote: { zh: '发送前请检查：{findings}', en: 'Check before sending: {findings}' },

  // Schema issues (GuardRulesSchema messages).
  guard_emptyWord: { zh: '词不能为空', en: 'A word cannot be empty' },
  guard_wordTooLong: { zh: '词最长 40 个字', en: 'A word has at most 40 characters' },
  guard_badId: {
    zh: '编号只能用小写字母、数字、- 和 _，以字母开头',
    en: 'An id uses lower-case letters, digits, - and _, starting with a letter',
  },
  guard_duplicateId: { zh: '编号重复', en: 'Duplicate id' },

  // Options section.
  guard_nav: { zh: '发送检查', en: 'Send check' },
  guard_intro: {
    zh: '客服填入或输入的话术会按这里的词表检查：极限词、医疗用语、站外联系方式、重复发送和各平台的长度条数。只在输入框旁提示，不拦截、不发送。词表随话术包一起导出。',
    en: "Text agents insert or type is checked against these lists: absolute claims, medical claims, off-platform contact, repeated replies and each platform's limits. It only shows a note beside the input; nothing is blocked or sent. The lists travel with playbook packs.",
  },
  guard_lists: { zh: '词表', en: 'Word lists' },
  guard_listName: { zh: '名称', en: 'Name' },
  guard_listPlatforms: { zh: '适用平台（不选 = 全部）', en: 'Platforms (none = all)' },
  guard_listWords: { zh: '词（每行一个）', en: 'Words (one per line)' },
  guard_listExcept: {
    zh: '例外（含这些的地方不算，每行一个）',
    en: 'Exceptions (text that cancels a hit it overlaps, one per line)',
  },
  guard_listDetect: { zh: '自动识别', en: 'Also detect' },
  guard_detect_phone: { zh: '手机号/电话', en: 'Phone numbers' },
  guard_detect_email: { zh: '邮箱', en: 'E-mail addresses' },
  guard_detect_contactId: { zh: '微信号/QQ号', en: 'WeChat/QQ ids' },
  guard_addList: { zh: '新建词表', en: 'New list' },
  guard_newListName: { zh: '自定义词表', en: 'Custom list' },
  guard_deleteList: { zh: '删除词表', en: 'Delete list' },
  guard_repeatTitle: { zh: '重复发送', en: 'Repeated replies' },
  guard_twiceInARow: {
    zh: '与本会话上一条客服消息相同时提示',
    en: 'Note text that repeats the last agent message in the conversation',
  },
  guard_maxBuyers: {
    zh: '同一内容发给多少位买家后提示（留空 = 不检查）',
    en: 'Note a text after it went to this many buyers (empty = off)',
  },
  guard_windowHours: { zh: '统计最近几小时', en: 'Within the last hours' },
  guard_buyersPlatforms: {
    zh: '在这些平台检查重复发送（不选 = 全部）',
    en: 'Check repeats to many buyers on (none = all)',
  },
  guard_minChars: { zh: '短于这么多字的消息不算重复', en: 'Shorter messages never count as repeats' },
  guard_limitsTitle: { zh: '平台长度与条数', en: 'Platform limits' },
  guard_limitsNote: {
    zh: '这些数字是本产品的默认值，供主管按店铺所在平台的最新规则调整，并非经过核实的平台规则。',
    en: "These numbers are the product's defaults for you to adjust to your platforms' current rules; they are not verified platform rules.",
  },
  guard_maxChars: { zh: '每条最多字数', en: 'Characters per message' },
  guard_maxInARow: { zh: '买家回复前最多连发', en: 'Messages in a row before the buyer answers' },
  guard_replyWindowDays: {
    zh: '买家最后一条消息后几天内可回复',
    en: "Days after the buyer's last message a reply is allowed",
  },
  guard_testTitle: { zh: '试一试', en: 'Try it' },
  guard_testPlatform: { zh: '平台', en: 'Platform' },
  guard_testPlaceholder: { zh: '输入一段话术，看看会提示什么', en: 'Type a reply to see what would be noted' },
  guard_testNone: { zh: '没有需要注意的地方', en: 'Nothing to note' },
  guard_resetDefaults: { zh: '恢复默认词表', en: 'Restore default lists' },
  guard_invalid: { zh: '有内容需要修改：{issues}', en: 'Some entries need fixing: {issues}' },
} satisfies Catalog;

export type GuardKey = keyof typeof guard;

import type { Catalog } from '../types';

/** Strings of buyer-concern detection: taxonomy editing and validation, the detect CLI. */
export const concerns = {
  concern_title: { zh: '买家关注点', en: 'Buyer concerns' },
  concern_enabled: { zh: '启用', en: 'Enabled' },
  concern_keywords: { zh: '关键词', en: 'Keywords' },
  concern_phrases: { zh: '短语', en: 'Phrases' },
  concern_patterns: { zh: '模式', en: 'Patterns' },
  concern_exclusions: { zh: '排除词', en: 'Exclusions' },
  concern_weight: { zh: '权重', en: 'Weight' },
  concern_minScore: { zh: '判定阈值', en: 'Minimum score' },
  concern_typos: { zh: '常见错别字', en: 'Common typos' },
  concern_patternHelp: {
    zh: '模式里的 * 代表最多 6 个汉字或 3 个英文单词，不跨标点。例：什么时候*发货',
    en: 'In a pattern, * stands for up to 6 Chinese characters or 3 English words, never across punctuation. Example: when * ship',
  },
  concern_ruleFired: { zh: '命中规则：{rule}', en: 'Matched rule: {rule}' },
  concern_badId: {
    zh: '关注点编号只能用小写字母、数字和下划线，并以字母开头',
    en: 'A concern id uses lower-case letters, digits and _, starting with a letter',
  },
  concern_emptyTerm: { zh: '词条不能为空', en: 'A term cannot be empty' },
  concern_termTooLong: { zh: '词条最多 40 个字符', en: 'A term has at most 40 characters' },
  concern_patternWildcardEdge: { zh: '模式不能以 * 开头或结尾', en: 'A pattern cannot start or end with *' },
  concern_patternEmptyPart: { zh: '模式里两个 * 之间要有文字', en: 'Put some text between two * in a pattern' },
  concern_patternTooManyWildcards: { zh: '一个模式最多 3 个 *', en: 'A pattern has at most three *' },
  concern_duplicateId: { zh: '关注点编号重复', en: 'Two concerns have the same id' },
  concern_cliUsage: {
    zh: '用法：detect [文本] [--file 文件] [--taxonomy 文件.json]\n每行输入输出一个 JSON：{"text": …, "concerns": [编号]}。没有文本和文件时读取标准输入。',
    en: 'Usage: detect [TEXT] [--file FILE] [--taxonomy FILE.json]\nPrints one JSON object per input line: {"text": …, "concerns": [ids]}. With neither TEXT nor --file, reads standard input.',
  },
  concern_cliMissingValue: { zh: '{option} 后面需要一个文件路径', en: '{option} needs a file path' },
  concern_cliUnknownOption: { zh: '未知选项：{option}', en: 'Unknown option: {option}' },
  concern_cliReadError: { zh: '无法读取 {file}：{error}', en: 'Cannot read {file}: {error}' },
  concern_cliBadTaxonomy: {
    zh: '关注点配置无效（{file}）：{error}',
    en: 'Invalid concern taxonomy in {file}: {error}',
  },
} satisfies Catalog;

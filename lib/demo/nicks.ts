import { chance, pick, randInt, weighted, type Rng } from './prng';

/**
 * Taobao member names (会员名) the way real ones look: the platform's auto-generated `tb…` and
 * `t_…` names, Chinese phrases, pinyin and English names with birthdays or years. The nick is
 * also the buyer's id in Taobao exports, so every generated nick is unique.
 */
const SUBJECTS = [
  '小鱼',
  '小猫',
  '兔子',
  '橘子',
  '阿狸',
  '团子',
  '胖虎',
  '小熊',
  '包子',
  '豆豆',
  '桃子',
  '企鹅',
  '小羊',
  '咸鱼',
  '考拉',
  '柠檬',
];
const VERBS = ['爱吃', '不吃', '想吃', '只吃', '最爱'];
const FOODS = [
  '鱼',
  '草莓',
  '火锅',
  '奶茶',
  '西瓜',
  '香菜',
  '芒果',
  '蛋挞',
  '冰淇淋',
  '辣条',
  '螺蛳粉',
  '小龙虾',
  '梨',
];
const WORDS = [
  '晴天',
  '微风',
  '星星',
  '月亮',
  '柚子',
  '糖糖',
  '栗子',
  '桃桃',
  '暖阳',
  '初夏',
  '南风',
  '白茶',
  '小满',
  '清欢',
  '若溪',
  '安然',
  '七七',
  '悠悠',
  '甜甜',
  '乐乐',
  '可可',
  '木子',
  '沐沐',
  '朵朵',
];
const LATIN = [
  'cherry',
  'sunny',
  'lily',
  'coco',
  'momo',
  'vivian',
  'amy',
  'jojo',
  'kiki',
  'echo',
  'nana',
  'yoyo',
  'mia',
  'luna',
  'ivy',
  'abby',
  'candy',
  'fiona',
  'grace',
  'zoe',
];
const SUFFIXES = ['妈咪', '宝妈', '酱', '呀', '的小窝', '爱购物', '不加班', '麻麻'];
const PINYIN = [
  'xiaoyu',
  'lili',
  'wangfang',
  'chenjing',
  'liuyang',
  'zhangmin',
  'yangyang',
  'huanghui',
  'zhouting',
  'wuqian',
  'xuli',
  'sunmei',
  'hetian',
  'linlin',
  'gaoyuan',
];
const ADJECTIVES = ['胖', '懒', '困', '小', '会飞的', '爱笑的', '不睡觉的'];
const ANIMALS = ['橘', '猫', '熊', '兔', '鹅', '鲸', '柴犬'];

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => randInt(rng, 0, 9)).join('');
const year = (rng: Rng) => String(randInt(rng, 1975, 2005));
const birthday = (rng: Rng) =>
  `${String(randInt(rng, 1, 12)).padStart(2, '0')}${String(randInt(rng, 1, 28)).padStart(2, '0')}`;

const PATTERNS = {
  tbUnderscore: (rng: Rng) => `tb_${randInt(rng, 1, 9)}${digits(rng, 6)}`,
  tbDigits: (rng: Rng) => `tb${randInt(rng, 1, 9)}${digits(rng, randInt(rng, 8, 9))}`,
  mobileAuto: (rng: Rng) => `t_${randInt(rng, 1, 9)}${digits(rng, 12)}`,
  eats: (rng: Rng) => `${pick(rng, SUBJECTS)}${pick(rng, VERBS)}${pick(rng, FOODS)}`,
  wordYear: (rng: Rng) => `${pick(rng, WORDS)}_${year(rng)}`,
  latinBirthday: (rng: Rng) => `${pick(rng, LATIN)}${birthday(rng)}`,
  wordSuffix: (rng: Rng) => `${pick(rng, WORDS)}${pick(rng, SUFFIXES)}`,
  latinWord: (rng: Rng) => `${pick(rng, LATIN)}${pick(rng, WORDS)}`,
  pinyinDigits: (rng: Rng) => `${pick(rng, PINYIN)}${digits(rng, randInt(rng, 2, 4))}`,
  oneAnimal: (rng: Rng) => `一只${pick(rng, ADJECTIVES)}${pick(rng, ANIMALS)}`,
  wordInitials: (rng: Rng) => `${pick(rng, WORDS)}_${pick(rng, PINYIN).slice(0, 3)}`,
} satisfies Record<string, (rng: Rng) => string>;

const PATTERN_WEIGHTS: Record<keyof typeof PATTERNS, number> = {
  tbUnderscore: 10,
  tbDigits: 8,
  mobileAuto: 5,
  eats: 12,
  wordYear: 12,
  latinBirthday: 10,
  wordSuffix: 10,
  latinWord: 10,
  pinyinDigits: 9,
  oneAnimal: 6,
  wordInitials: 8,
};

/** A new nick not in `taken` (which it then joins). */
export function makeNick(rng: Rng, taken: Set<string>): string {
  let nick = PATTERNS[weighted(rng, PATTERN_WEIGHTS)](rng);
  // Real members who find their name taken add digits, so collisions resolve the same way.
  while (taken.has(nick)) nick = `${nick}${chance(rng, 0.5) ? '_' : ''}${randInt(rng, 1, 99)}`;
  taken.add(nick);
  return nick;
}

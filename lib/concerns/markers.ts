/**
 * Words that say how a clause relates to a concern, independent of which concern it is.
 *
 * The negation rule (see detect.ts): a hit is dropped when its clause *closes* the topic (a closing
 * marker such as 不用问了 / 不需要 / no need, not itself negated) and the clause is *not* a question or
 * a doubt. So "尺码不用问了" and "no need for invoice" drop the concern, while "不会是假的吧" and
 * "不是正品吧" keep it: they end in a doubt particle. A clause that holds nothing but a closing
 * marker ("发票，不用了") closes the clause before it. Plain complaints ("没有发票", "还没到")
 * are not closings and always count.
 */

/** Anywhere in a clause, these make it a question. Written in Simplified Chinese; matched after normalisation. */
export const QUESTION_WORDS_ZH = [
  '吗', '是不是', '会不会', '能不能', '可不可以', '可以不', '有没有', '有木有', '要不要', '行不行', '好不好', '对不对', '用不用',
  '算不算', '够不够', '多不多', '大不大', '厚不厚', '透不透', '扎不扎', '怎么', '肿么', '怎样', '咋', '如何', '多久', '多长时间',
  '几', '什么', '啥', '哪', '多少', '为什么', '为啥', '请问', '问下', '问一下', '想问', '能否', '是否', '可否', '有无', '难道',
  '不知道',
];

/** At the end of a clause (after fillers such as 亲/啊/呀), these make it a question or a doubt. */
export const FINAL_PARTICLES_ZH = new Set(['吧', '呢', '么', '嘛', '不', '没', '伐', '否', '吗']);
/** Fillers skipped when looking for a final particle: "有货吗亲" still ends in 吗. */
export const TRAILING_FILLERS = new Set(['亲', '啊', '呀', '哈', '啦', '哦', '喔', '呐', '嗯', '捏', ' ', '.', '!', '~', ',']);

/** An English clause starting with one of these is a question even without "?". */
export const QUESTION_OPENERS_EN = new Set(
  (
    'can could would will is are am was were do does did should shall may might how what when where why which who whats hows ' +
    'wheres whens any anyone anything have has r u wat wut'
  ).split(' '),
);

/** Anywhere in a clause, these mark a doubt or an indirect question. */
export const DOUBT_WORDS_EN = ['wonder', 'wondering', 'not sure', 'know if', 'tell me if', 'let me know', 'curious', 'worried', 'concerned'];

/**
 * Phrases that close a topic when the clause is not a question: the buyer no longer needs it, does not
 * mind it, or is pleased with it ("发货很快", "质量不错", "没有色差" report, they do not ask).
 */
export const CLOSING_ZH = [
  '不用问', '不用了', '不用', '不需要', '不要了', '用不着', '无需', '不必', '没问题', '没事了', '没关系', '知道了', '明白了',
  '清楚了', '了解了', '懂了', '解决了', '搞定了', '已解决', '算了', '找到了', '很满意', '挺满意', '满意',
  // does not mind
  '无所谓', '不在乎', '不着急', '不急', '都行', '随便看看',
  // pleased, or the matter is over
  '很好', '挺好', '不错', '很快', '好快', '给力', '点赞', '好评', '实惠', '很标准', '刚好', '正好', '放心', '很温和',
  '收到了', '已收到', '已经领了', '没有色差', '没色差', '不过敏', '没有过敏', '没过敏',
  '喜欢', '好玩', '舒服', '好看', '漂亮', '很美', '很香', '好香', '很值', '值得', '公道', '开心', '很棒', '太棒', '完美', '惊喜',
  '没毛病', '真快', '到账了', '已经到了', '已经好了', '好多了',
  // decided or put off: "尺码我选好了", "发票的事下次再说"
  '能接受', '可以接受', '选好了', '想好了', '再说', '下次再说', '以后再说', '处理得', '已经换了', '已经补发', '验过了',
  // praise and settled matters as a separate writer's buyers put them (dev-w3-*)
  '合适', '超快', '杠杠的', '用上了', '收好了', '看到了', '下次还来', '还会光顾', '会回购', '真好用', '很好用', '挺好用', '很结实',
  '挺结实', '没掉色', '不掉色', '觉得值', '显瘦', '很香', '装好了', '对比过了', '挺简单',
  // a low price as praise ("便宜又好看"); "这么便宜" is a doubt's reason (defaults/yields.ts)
  '好便宜', '真便宜', '挺便宜', '很便宜', '便宜又', '又便宜',
];

export const CLOSING_EN = [
  'no need', "don't need", 'dont need', 'do not need', 'not needed', 'not necessary', 'no worries', 'never mind', 'nevermind',
  "doesn't matter", 'doesnt matter', 'does not matter', 'not required', 'all good', 'no problem', 'no issues', 'figured it out',
  'found it', 'got it', 'sorted', 'without', 'all set', 'not anymore', 'love it', 'works great', 'works well', 'as described',
  'fast delivery', 'great quality', 'good quality', 'love the', 'looks great', 'so nice', 'works perfectly', 'received it',
  'already received', 'cheap and nice', 'cheap and good', 'great price', 'good price',
];

/** Where a closing marker directly follows one of these, it is itself negated ("不是没问题"). */
export const NEGATORS_ZH = new Set(['不', '没', '未', '别', '非']);

/** Words that start a new clause: what follows "但是" / "but" is judged on its own. */
export const CLAUSE_STARTERS = ['但是', '但', '不过', '可是', '另外', '而且', '顺便', '对了', '就是', '只是', '然后', 'but', 'however', 'also', 'btw', 'and', 'plus'];

import type { Platform } from '../schemas/common';

/**
 * The word lists a new shop starts with. Written for this product from the categories the PRC
 * Advertising Law (广告法) keeps out of product claims — absolute and superlative wording (第九条:
 * 最高级、最佳、国家级), claims of official endorsement, medical claims for goods that are not
 * medicines (第十七条), and guarantees of effect — plus what the Chinese marketplaces penalise in
 * chat: sending buyers to another channel (WeChat, QQ, a phone number). They flag wording for the
 * agent to look at twice; they are not legal advice and not any platform's own list. Supervisors
 * edit them per platform (工作台 → 发送检查); packs carry the edited lists.
 *
 * `except`: text that cancels a hit it overlaps, for the everyday uses of a flagged word —
 * `第一次` is not a ranking, `最好先试一下` is advice, `100%纯棉` is a fabric.
 */
export interface DefaultList {
  id: string;
  platforms: Platform[];
  words: string[];
  except: string[];
  detect?: ('phone' | 'email' | 'contactId')[];
}

/** Where Chinese advertising law and the marketplaces' own rules on claims apply. */
const CN: Platform[] = ['taobao', 'pinduoduo', 'douyin', 'jd'];

export const DEFAULT_GUARD_LISTS: readonly DefaultList[] = [
  {
    id: 'absolute',
    platforms: CN,
    words: [
      '最好', '最佳', '最优', '最强', '最高级', '最高档', '最先进', '最低价', '最便宜', '最实惠', '最划算', '最畅销',
      '最受欢迎', '最顶级', '最正宗', '第一', '唯一', '独一无二', '顶级', '极品', '极致', '绝对', '万能', '无敌',
      '史无前例', '前所未有', '全网最低', '全网最好', '全网第一', '全球首发', '全国首家', '首个', '首选', '王牌',
      '销量冠军', '世界级', '顶尖', '至尊', '巅峰', '100%', '百分之百', '百分百', 'no.1', 'top1', '遥遥领先',
    ],
    except: [
      '第一次', '第一时间', '第一天', '第一步', '第一件', '第一个', '第一单', '第一批', '第一眼', '第一款', '第一位',
      '最好先', '最好是', '最好还是', '最好不要', '最好别', '最好在', '最好能',
      '唯一的遗憾', '绝对值', '100%棉', '100%纯棉', '100%羊毛', '100%桑蚕丝', '100%真丝', '100%涤纶', '100%聚酯纤维',
    ],
  },
  {
    id: 'authority',
    platforms: CN,
    words: [
      '国家级', '国家免检', '免检产品', '质量免检', '特供', '专供', '国宴', '央视推荐', '央视上榜', '领导人',
      '驰名商标', '政府推荐', '国家推荐', '国家指定', '权威推荐', '专家推荐', '医生推荐',
    ],
    except: [],
  },
  {
    id: 'medical',
    platforms: CN,
    words: [
      '治疗', '治愈', '根治', '疗效', '药效', '疗程', '消炎', '抗炎', '抗癌', '防癌', '降血压', '降血糖', '降血脂',
      '降三高', '处方', '药用', '包治', '治百病', '祛病', '排毒', '无副作用', '零副作用', '壮阳', '补肾', '溶脂',
      '丰胸', '增高', '生发', '防脱发', '杀死病毒', '预防疾病',
    ],
    except: ['治疗仪说明'],
  },
  {
    id: 'guarantee',
    platforms: CN,
    words: [
      '保证有效', '无效退款', '无效退钱', '零风险', '立竿见影', '一次见效', '马上见效', '立即见效', '药到病除',
      '永久有效', '永不褪色', '永不变形', '永不起球', '稳赚', '包过',
    ],
    except: [],
  },
  {
    id: 'contact',
    platforms: ['taobao', 'pinduoduo', 'douyin', 'jd', 'shopee'],
    words: [
      '微信', '加微', '加v', 'v信', 'vx', 'wx', 'weixin', 'wechat', '威信', '薇信', '微x', 'qq', '扣扣', '企鹅号',
      '加我', '加好友', '私聊', '私下交易', '线下交易', '支付宝转账', '银行卡转账', 'line id', 'whatsapp', 'telegram',
    ],
    except: ['加我们', '加我的店铺', '微信支付'],
    detect: ['phone', 'email', 'contactId'],
  },
];

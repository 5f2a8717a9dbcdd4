import type { OrderStatus } from '../schemas/order';
import { DEMO_PRODUCTS, type DemoCategory, type DemoProduct } from './catalog';
import { FLAG_ANCHOR, FLAG_PROSPECT, FLAG_UNPAID, type DemoBuyer, type DemoPlan } from './plan';
import { chance, mixSeed, mulberry32, normal, pick, randInt, weighted, type Rng } from './prng';
import { formatDateTime, MINUTES_PER_DAY } from './time';

const DAY_SECONDS = MINUTES_PER_DAY * 60;

export interface DemoOrderLine {
  productId: string;
  title: string;
  category: DemoCategory;
  quantity: number;
  priceCents: number;
}

/** One generated order, with everything the Taobao report needs. Amounts in cents. */
export interface DemoOrder {
  orderId: string;
  buyerIndex: number;
  buyerNick: string;
  status: OrderStatus;
  /** Taobao's wording of the status. */
  rawStatus: string;
  createdAt: string;
  paidAt: string | null;
  confirmedAt: string | null;
  goodsCents: number;
  shippingCents: number;
  discountCents: number;
  /** What the buyer actually paid; 0 when unpaid. */
  paidCents: number;
  refundCents: number;
  lines: DemoOrderLine[];
  closeReason: string;
  buyerMessage: string;
  sellerMemo: string;
  logisticsNo: string;
  logisticsCompany: string;
  receiver: string;
  address: string;
  mobile: string;
  mobileOrder: boolean;
  invoiceTitle: string;
}

export const RAW_STATUS: Record<Exclude<OrderStatus, 'unknown'>, string> = {
  awaiting_payment: '等待买家付款',
  paid: '买家已付款，等待卖家发货',
  shipped: '卖家已发货，等待买家确认',
  completed: '交易成功',
  closed: '交易关闭',
};

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
const REGIONS = [
  ['浙江省', '杭州市', '西湖区', '310000'],
  ['广东省', '深圳市', '南山区', '518000'],
  ['江苏省', '苏州市', '工业园区', '215000'],
  ['上海', '上海市', '浦东新区', '200120'],
  ['北京', '北京市', '朝阳区', '100020'],
  ['四川省', '成都市', '武侯区', '610041'],
  ['湖北省', '武汉市', '洪山区', '430070'],
  ['山东省', '青岛市', '崂山区', '266100'],
  ['福建省', '厦门市', '思明区', '361000'],
  ['河南省', '郑州市', '金水区', '450000'],
  ['湖南省', '长沙市', '岳麓区', '410000'],
  ['陕西省', '西安市', '雁塔区', '710061'],
] as const;
const COURIERS = [
  ['中通快递', 'ZT'],
  ['圆通速递', 'YT'],
  ['韵达快递', 'YD'],
  ['申通快递', 'ST'],
  ['顺丰速运', 'SF'],
] as const;
const BUYER_MESSAGES = [
  '请发顺丰，谢谢',
  '麻烦尽快发货，周末要穿',
  '宝宝用的，麻烦检查一下包装',
  '送人的，不要放价格单',
  '别放小样了，谢谢',
  '周末家里没人，放驿站就行',
  '急用！麻烦今天发出',
  '要新鲜日期的，谢谢',
  '请用纸箱包装,谢谢',
  '备注"加急"，拜托了',
  '尺码拍错了，麻烦帮我换成M码',
  '能多送两片面膜吗',
  '不要发韵达，谢谢',
];
const SELLER_MEMOS = ['已联系买家改尺码', '赠小样x2', '老客户，送护手霜', '买家要求周一后发货', '已补发赠品'];
const CLOSE_UNPAID = ['买家不想买了', '未及时付款', '买家拍错了', '其他原因', '同城见面交易'];

interface BuyerFacts {
  receiver: string;
  address: string;
  mobile: string;
}

/** Stable per-buyer contact details, all obviously fake (演示路, 示例小区, 1990000xxxx). */
function buyerFacts(seed: number, buyer: DemoBuyer): BuyerFacts {
  const rng = mulberry32(mixSeed(seed, 4, buyer.index));
  const [province, city, district, postcode] = pick(rng, REGIONS);
  return {
    receiver: `${pick(rng, SURNAMES)}某某`,
    address: `${province} ${city} ${district} 演示路${randInt(rng, 1, 399)}号 示例小区${randInt(rng, 1, 30)}幢${randInt(rng, 1, 6)}单元(${postcode})`,
    mobile: `1990000${String(randInt(rng, 0, 9999)).padStart(4, '0')}`,
  };
}

function pickProduct(rng: Rng, category: DemoCategory, targetCents: number): DemoProduct {
  // Of a few random candidates take the one closest to what this buyer usually spends.
  const pool = DEMO_PRODUCTS.filter((p) => p.category === category);
  let best = pick(rng, pool);
  for (let i = 0; i < 3; i++) {
    const candidate = pick(rng, pool);
    if (Math.abs(Math.log(candidate.priceCents / targetCents)) < Math.abs(Math.log(best.priceCents / targetCents)))
      best = candidate;
  }
  return best;
}

function makeLines(rng: Rng, buyer: DemoBuyer): DemoOrderLine[] {
  const count = weighted(rng, { one: 70, two: 22, three: 8 });
  const n = count === 'one' ? 1 : count === 'two' ? 2 : 3;
  const target = (buyer.aovCents * Math.exp(0.35 * normal(rng))) / n;
  const lines: DemoOrderLine[] = [];
  for (let i = 0; i < n; i++) {
    const category = chance(rng, 0.7) ? buyer.favourite : pick(rng, ['clothing', 'cosmetics', 'baby'] as const);
    const product = pickProduct(rng, category, target);
    if (lines.some((line) => line.productId === product.id)) continue;
    const quantity = product.priceCents < 5000 && chance(rng, 0.35) ? randInt(rng, 2, 3) : chance(rng, 0.08) ? 2 : 1;
    lines.push({
      productId: product.id,
      title: product.title,
      category: product.category,
      quantity,
      priceCents: product.priceCents,
    });
  }
  return lines;
}

function couponCents(goods: number): number {
  if (goods >= 29900) return 3000;
  if (goods >= 19900) return 2000;
  if (goods >= 9900) return 1000;
  return 300;
}

/** Taobao-like 19-digit order id; multiplying by a number coprime to 10 keeps ids unique per seed. */
function orderId(seed: number, g: number): string {
  const body = (g * 387_420_489 + (seed % 1_000_000_000)) % 1e15;
  return `29${String(10 + (seed % 90))}${String(body).padStart(15, '0')}`;
}

/** Builds order `g` of the plan. Each order has its own random stream, so orders can be made in any sequence. */
export function buildOrder(plan: DemoPlan, g: number): DemoOrder {
  const buyer = plan.buyers[plan.orderBuyer[g]!]!;
  const flags = plan.orderFlags[g]!;
  const rng = mulberry32(mixSeed(plan.seed, 2, g));
  const before = plan.orderSecondsBefore[g]!;
  const day = Math.ceil(before / DAY_SECONDS);
  const at = (secondsBefore: number) => formatDateTime(plan.asOfMs, 0, -secondsBefore);
  const facts = buyerFacts(plan.seed, buyer);
  const lines = makeLines(rng, buyer);
  const goodsCents = lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
  const shippingCents = goodsCents < 5900 && chance(rng, 0.4) ? 600 : 0;
  const discountCents = goodsCents > 3000 && chance(rng, 0.25) ? couponCents(goodsCents) : 0;
  const payable = goodsCents + shippingCents - discountCents;

  let status: OrderStatus;
  let paid = true;
  if (flags & (FLAG_PROSPECT | FLAG_UNPAID)) paid = false;
  else if (!(flags & FLAG_ANCHOR) && (day <= 1 ? chance(rng, 0.25) : chance(rng, 0.07))) paid = false;

  const order: DemoOrder = {
    orderId: orderId(plan.seed, g),
    buyerIndex: buyer.index,
    buyerNick: buyer.nick,
    status: 'closed',
    rawStatus: '',
    createdAt: at(before),
    paidAt: null,
    confirmedAt: null,
    goodsCents,
    shippingCents,
    discountCents,
    paidCents: 0,
    refundCents: 0,
    lines,
    closeReason: '订单未关闭',
    buyerMessage: chance(rng, 0.08) ? pick(rng, BUYER_MESSAGES) : '',
    sellerMemo: '',
    logisticsNo: '',
    logisticsCompany: '',
    receiver: facts.receiver,
    address: facts.address,
    mobile: facts.mobile,
    mobileOrder: chance(rng, 0.88),
    invoiceTitle: chance(rng, 0.02) ? pick(rng, ['个人', '示例科技有限公司']) : '',
  };

  if (!paid) {
    // Taobao closes unpaid orders after a day; only the freshest can still be waiting.
    status = day <= 1 && chance(rng, 0.6) ? 'awaiting_payment' : 'closed';
    if (status === 'closed') order.closeReason = pick(rng, CLOSE_UNPAID);
  } else {
    const paidBefore = before - randInt(rng, 10, 30 * 60);
    order.paidAt = at(paidBefore);
    order.paidCents = payable;
    const shipped = day > 3 || (day > 1 && chance(rng, 0.5));
    status = shipped ? 'shipped' : 'paid';
    if (shipped) {
      const [company, prefix] = pick(rng, COURIERS);
      order.logisticsCompany = company;
      order.logisticsNo = `No:${prefix}${randInt(rng, 1, 9)}${String(randInt(rng, 0, 999_999_999)).padStart(9, '0')}${randInt(rng, 100, 999)}`;
      const confirmBefore = paidBefore - randInt(rng, 3 * DAY_SECONDS, 10 * DAY_SECONDS);
      if (confirmBefore > 0) {
        status = 'completed';
        order.confirmedAt = at(confirmBefore);
      }
    }
    if (day > 3 && !(flags & FLAG_ANCHOR) && chance(rng, 0.03)) {
      status = 'closed';
      order.confirmedAt = null;
      order.refundCents = payable;
      order.closeReason = '退款';
    } else if (day > 3 && chance(rng, 0.04)) {
      // Partial refunds: one line returned, or a price-protection refund of a few yuan.
      const line = lines[lines.length - 1]!;
      const wanted = lines.length > 1 ? line.priceCents * line.quantity : randInt(rng, 5, 30) * 100;
      order.refundCents = Math.max(0, Math.min(wanted, payable - 100));
    }
    if (chance(rng, 0.03)) order.sellerMemo = pick(rng, SELLER_MEMOS);
  }
  order.status = status;
  order.rawStatus = RAW_STATUS[status as Exclude<OrderStatus, 'unknown'>];
  return order;
}

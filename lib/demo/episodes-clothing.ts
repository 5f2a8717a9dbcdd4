import { ask, type Episode } from './episode';

/** Women's clothing: buyers worry about size, the item against its photos, fabric and returns. */
export const CLOTHING_EPISODES: Episode[] = [
  {
    key: 'dress-size', lang: 'zh-CN', category: 'clothing', product: 'c102',
    past: [['s', '买家从「商品详情页」进入咨询'], ['card'], ['b', '在吗'], ['a', '在的亲，欢迎光临暖柚家～有什么可以帮您的呀']],
    script: [ask('这个有色差吗，我165穿什么码', 'photo_match', 'size'), ask('平时穿M，就是腰有点粗哈哈', 'size')],
  },
  {
    key: 'sweater-size', lang: 'zh-CN', category: 'clothing', product: 'c101',
    past: [['card'], ['b', '这款毛衣是宽松版的吧'], ['a', '是的亲，慵懒风落肩设计，整体偏宽松哦']],
    script: [ask('我160，110斤，拿S还是M啊', 'size'), ask('肩膀有点宽，怕S穿着紧', 'size')],
  },
  {
    key: 'jeans-length', lang: 'zh-CN', category: 'clothing', product: 'c103',
    past: [['card']],
    script: [ask('腰围两尺二，屁股比较大，拿哪个码合适', 'size'), ask('我155的，这个会不会拖地太长了', 'size')],
  },
  {
    key: 'coat-pilling', lang: 'zh-CN', category: 'clothing', product: 'c104',
    past: [['card'], ['b', '这个大衣有现货吗'], ['a', '驼色和黑色都有现货哦，48小时内发出～']],
    script: [ask('羊毛含量多少呀，穿久了会起球吗', 'quality'), ask('上次在别家买的，穿两次袖口就全是球，心累', 'quality')],
  },
  {
    key: 'maternity-fabric', lang: 'zh-CN', category: 'clothing', product: 'c109',
    past: [['s', '买家从「购物车」进入咨询'], ['card']],
    script: [ask('怀孕五个月了，这个面料透不透气，洗了会缩水吗', 'quality'), ask('肚子还会再大，这个能穿到生吗', 'size')],
  },
  {
    key: 'hoodie-return', lang: 'zh-CN', category: 'clothing', product: 'c108',
    past: [['s', '订单已签收'], ['b', '亲，卫衣收到了'], ['a', '亲收到了就好～穿着合适吗？']],
    script: [ask('颜色跟图片差好多，图上是灰绿，收到像军绿色，可以退吗', 'photo_match', 'return_refund'), ask('有运费险吗，退回去运费谁出呀', 'return_refund')],
  },
  {
    key: 'down-stock', lang: 'zh-CN', category: 'clothing', product: 'c106',
    past: [['card']],
    script: [ask('黑色M码还有吗，页面上显示灰色点不了', 'stock'), ask('什么时候补货啊，等了快两周了', 'stock')],
  },
  {
    key: 'silk-shipping', lang: 'zh-CN', category: 'clothing', product: 'c110',
    past: [['card'], ['b', '这个衬衫白色会透吗'], ['a', '白色是双层门襟，正常穿不会透的哦，里面搭个肤色内衣就好']],
    script: [ask('今天下单今天能发吗，下周一要穿去面试', 'shipping'), ask('发什么快递呀，到成都大概几天', 'shipping')],
  },
  {
    key: 'skirt-price-protect', lang: 'zh-CN', category: 'clothing', product: 'c107',
    past: [['s', '买家已下单：暖柚 百褶半身裙女秋冬A字中长款高腰'], ['s', '买家已付款']],
    script: [ask('我前几天刚买的，今天一看便宜了二十块，能退差价吗', 'price'), ask('老顾客了，下次还来买的')],
  },
  {
    key: 'cardigan-button', lang: 'zh-CN', category: 'clothing', product: 'c111',
    past: [['b', '你好'], ['a', '您好亲，小柚在的～']],
    script: [ask('开衫才穿了一次，扣子就掉了一颗', 'after_sales', 'quality'), ask('能寄个备用扣子给我吗，不想退了挺喜欢的', 'after_sales')],
  },
  {
    key: 'silk-wash', lang: 'zh-CN', category: 'clothing', product: 'c110',
    past: [['s', '订单已签收'], ['b', '衬衫收到啦，质感很好'], ['a', '谢谢亲的喜欢～有问题随时找小柚哦']],
    script: [ask('真丝的要怎么洗啊，能丢洗衣机吗', 'usage'), ask('皱了可以直接用熨斗烫吗', 'usage')],
  },
  {
    key: 'tw-sweater', lang: 'zh-TW', category: 'clothing', product: 'c101',
    past: [['card']],
    script: [ask('請問這件毛衣洗了會不會縮水？', 'quality'), ask('我身高162，平常穿M，這件要拿哪個尺寸比較好', 'size')],
  },
  {
    key: 'en-shipping', lang: 'en', category: 'clothing', product: 'c104',
    past: [['card']],
    script: [ask('Hi, do you ship this coat to Singapore? How long does it usually take?', 'shipping'), ask('And is the size chart in cm? I am 168 cm, 55 kg.', 'size')],
  },
  {
    key: 'company-invoice', lang: 'zh-CN', category: 'clothing', product: 'c105',
    past: [['b', '这个T恤买30件有优惠吗，公司团建穿'], ['a', '亲，30件以上可以给您打9折哦，颜色尺码可以混搭～']],
    pastConcerns: ['price'],
    script: [ask('那可以开发票吗，公司要报销', 'invoice'), ask('要专票，抬头和税号我一会发你', 'invoice')],
  },
];

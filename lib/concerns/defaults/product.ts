import { en, weighted, zh, type ConcernInput } from './helpers';

/**
 * Concerns about the item itself (seed 001: women's clothing → size, photo vs item, quality;
 * cosmetics → authenticity, efficacy, skin; baby products → safety), plus how to use it.
 * zh-TW lists hold Taiwanese wording; everything is folded to Simplified before matching.
 */
export const PRODUCT_CONCERNS: ConcernInput[] = [
  {
    id: 'size',
    names: { 'zh-CN': '尺码', 'zh-TW': '尺碼', en: 'Size' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`尺码 码数 尺寸 码子 什么码 多大码 几码 哪个码 哪码 穿多大 买多大 拍多大 选多大 拿多大 多大号 什么号 哪个号
          偏大 偏小 偏码 标准码 正码 码准 大一码 小一码 大一号 小一号 大半码 小半码 半码 加大码 均码 尺码表 码数表 合身 不合身
          宽松 修身 紧身 版型 衣长 裤长 袖长 腰围 胸围 臀围 肩宽 脚长 脚宽 脚背 身高 小个子 矮个子 微胖 腿粗 胯宽 太紧 太松
          会不会大 会不会小 会不会紧 会不会松 穿着大 穿着小 有点大 有点小 大了 小了 多长 多宽 s码 m码 l码 xl码
          平时穿 穿得下 穿不下 穿进去 穿不进 塞不进 太肥 太瘦 偏肥 偏瘦 松紧 弹力 腰粗 胖的
          会不会短 会不会太短 会不会太长 会不会拖地 有点紧 有点松 手腕 头围 能调大小 一米五的 一米八的 一米二的 多宽的 宽多少 长多少 高多少 能调吗 可以调吗 小号 短款 长款 展开多大 圈口 多大的 装得下 装不下 放得下 放不下 能装下 能放进 塞得下 长度 码正 正码吗 选码 拿大 拿小 大半号 小半号 容量 多高 多长的 几寸`),
        patterns: zh(
          `穿*码 穿*号 拍*码 选*码 买*码 要*码 拿*码 穿*大 穿*小 穿*紧 买*号 拍*号 斤*码 斤*穿 能装*寸 装*下吗 放*进去`,
        ),
        exclusions: zh(`宝宝多大 孩子多大 多大年纪 多大的宝宝 多大宝宝 多大能 多长时间 小了点优惠 大了点优惠 声音小 电量
          差也太大 差太大 差有点大 差好大 差挺大 差很大 差得大 差大了 差别有点大 差别太大 差别大了 差距有点大 差距太大 差距大了 区别太大 出入太大 出入有点大
          味道有点大 味道太大 味太大 声音有点大 声音太大 噪音有点大 噪音太大 动静太大 色差有点大`),
      },
      'zh-TW': {
        keywords: zh(
          `尺寸 尺碼 號數 尺寸表 穿什麼尺寸 大一號 小一號 選大一號 偏大 偏小 版型 合身 寬鬆 褲長 衣長 腳寬 腳背 會不會大 會不會小 細碼 大碼 細件 太細 偏細 好短 好長 好大件 大件 好細件 碼數 碼正 尺寸準 尺寸表 幾碼 著M 著L 著S 唔啱身`,
        ),
        patterns: zh(`穿*尺寸 穿*號`),
      },
      en: {
        keywords:
          en(`size, sizes, sizing, fit, fits, fitting, measurements, waist, bust, inseam, sleeve, sleeves, length, petite, xs, xl, xxl,
          tight, loose, bigger, smaller`),
        phrases:
          en(`size chart, size guide, which size, what size, true to size, tts, run small, run big, run large, runs small, roomy, snug, oversize, oversized, small enough, big enough, be adjusted, adjustable,
          too big, too small, too tight, too loose, size up, size down, wide feet, narrow feet, plus size, medium fit, usually wear,
          normally wear, will it fit, fit me`),
        exclusions: en(`tight budget`),
        patterns: en(`size * up, size * down`),
      },
    },
  },
  {
    id: 'photo_match',
    names: { 'zh-CN': '色差与实物', 'zh-TW': '色差與實物', en: 'Looks like the photos' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`色差 实物图 实拍 实拍图 模特图 买家秀 卖家秀 跟图 和图 与图 图上 图片上 原图 p图 p过 修图 滤镜 货不对板 图文不符
          跟描述 和描述 颜色不对 颜色不一样 颜色差 颜色准 颜色正 偏黄 偏红 偏蓝 偏绿 偏紫 偏暗 偏亮 偏粉 有出入 差别大 差好多 差很多
          真人图 上身图 真人上身 上身效果 详情页 宣传图 主图 图里 图中 跟模特 模特穿 两回事 不一致 一模一样 显黑 网上看着 看图 图片看 图片看不出 实物看着 拿到手 无滤镜 视频里 跟视频 和视频 试色 色号不对 跟网上 和网上 比照片 比图片 跟详情`),
        patterns: zh(`图*一样 照片*一样 实物*一样 图*不符 图*差 照片*差 照片*出入 图*出入 直播*色 视频*色 实物*色`),
        exclusions: zh(`发图 图片给你 拍照给你 照片给你`),
      },
      'zh-TW': {
        keywords: zh(
          `色差 實品 實拍 實拍圖 實物 網頁上 照片上 跟照片 跟圖 同相 同圖 相片 模特兒 色深 色淺 賣場照片 同網上 跟網上 比照片 比圖片`,
        ),
        patterns: zh(`網頁*差 照片*一樣 實品*一樣`),
      },
      en: {
        keywords: en(`picture, pictures, photo, photos, pic, pics, irl, pictured`),
        phrases:
          en(`color accurate, colour accurate, real life, in person, true color, color difference, colour difference, different color, looks different,
          looks nothing like, as shown, real photo, actual photo, same color, same colour, on the model, the listing, look darker,
          look lighter, looks darker, looks lighter, true to color, mockup, exactly like`),
        patterns: en(`look * like, color * same, colour * same`),
      },
    },
  },
  {
    id: 'quality',
    names: { 'zh-CN': '质量', 'zh-TW': '品質', en: 'Quality' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`质量 品质 做工 面料 布料 材质 料子 用料 质感 手感 起球 掉色 褪色 缩水 起毛 掉毛 变形 开线 线头 开胶 走线 车线
          异味 有味 味道大 一股味 甲醛 透不透 透光 厚不厚 薄不薄 太薄 很薄 厚度 耐磨 耐穿 结实 牢固 耐用 容易坏 纯棉 真皮 羊毛
          含棉 扎人 扎不扎 刺挠 起皱 粗糙 透气 闷不闷 软不软 发硬 掉渣 漏水 保温 耐脏 掉漆 生锈 防水 防锈 涂层 粘锅 不粘 掉皮 脱皮
          开裂 质地 什么料 什么材料 材料 牢不牢 硬不硬 帆布 皮质 耐高温
          寿命 噪音 吵不吵 串味 锋利 会不会钝 防滑 发黄 飞粉 变质 留香 凉不凉 夹毛 会不会塌 结不结实 滋润吗 塑料感 质感差 做工差 脱线 断线
          有味道 味道重 化学味 塑料味 什么香型 会不会碎 粘底 容易坏 掉色吗 沾杯 吃粉 爆皮 声音大 保暖吗 暖不暖 硌脚 松垮 科技布 猫抓 不锈钢 戴久了 耳朵疼 泡沫多 掉毛吗 硬不硬 软硬 持久吗 会不会掉 容易皱 会不会漏 真棉花 实木 顺滑 会不会卡 粉尘 结团 哈喇味 陈货 新货 新鲜吗
          味道有点大 味道太大 声音太大 声音有点大 噪音太大 噪音有点大 噪音大 保质期 临期 生产日期 续航 刺鼻 音质 低音 虚标 厚实 渗水 承重 浮力 频闪 缺页 几成新 断连 闻着 准不准 稳不稳 会不会晃 会不会抖 掺假 兑糖 够不够厚 够不够暖 火力`),
        exclusions: zh(`质量问题退 质保 码数表准不准 尺码表准不准`),
      },
      'zh-TW': {
        keywords: zh(
          `品質 材質 布料 起毛球 褪色 縮水 厚嗎 很薄 做工 耐用 容易壞 質素 物料 甩色 黐底 易爛 甩皮 質地 塑膠味 異味 悶熱 耐熱 刮傷 防水嗎 好硬 著得舒服 唔舒服`,
        ),
      },
      en: {
        keywords:
          en(`quality, material, fabric, pill, pilling, fade, fading, shrink, shrinks, sturdy, durable, durability, stitching, seams,
          flimsy, breathable, thin, thick, smell, odor, cotton, polyester, wool, leather, waterproof, rust, rusty, durable`),
        phrases:
          en(`see through, see-through, made of, cheap material, color fade, colour fade, fall apart, falls apart, coming apart,
          water resistant, last long, tahan lama, hold up, cheaply made, well made, come off, came off, paint chip, chip easily, wrinkle easily, noisy, how long does it last, keep you warm, keep warm, break easily, stainless, coated, bristles, falling out, fall out`),
        exclusions: en(`fade dark, fade spots, fade scars, fade acne, fade pigmentation, fade freckles`),
      },
    },
  },
  {
    id: 'authenticity',
    names: { 'zh-CN': '正品', 'zh-TW': '正品', en: 'Authenticity' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`正品 真品 真货 假货 假的 是真的 真的假的 高仿 仿品 仿的 山寨 假冒 a货 原单 专柜 官方正品 官方旗舰 官方授权 官方渠道
          旗舰店 授权 防伪 防伪码 批号 溯源 验货 鉴定 正规 原装 原厂 行货 水货 国行 港版 假一赔 正版 盗版 保真 品牌方 代购
          直营 自营 官网 真伪 鉴别 专柜同款 仿货 正规渠道 什么渠道 翻新 翻新机 大陆版 国内版 海外版 日版 美版 欧版 港版吗 原单吗 zp 正牌 序列号 验真 检测报告 批准文号 三无 正规厂家 是进口的 进口的吗 国产的还是进口 一个牌子 同一个牌子 同一个品牌 真金 纯金 纯银 925 镀金 镀银 证书`),
        exclusions: zh(`放假 请假 假期 休假 假日 假发 假睫毛 假领 真的会 真的能 真的有 真的很`),
      },
      'zh-TW': {
        keywords: zh(
          `公司貨 水貨 平行輸入 原廠 正品 真品 假貨 防偽 專櫃 正版 保證正品 正貨 真嘢 假嘢 行貨 原裝 授權 經銷商 仿冒`,
        ),
      },
      en: {
        keywords:
          en(`authentic, authenticity, genuine, original, fake, fakes, counterfeit, replica, knockoff, legit, bootleg, imitation, copy,
          dupe, legitimate`),
        phrases: en(
          `knock-off, knock off, real brand, authorized seller, authorised seller, official store, authorized dealer`,
        ),
        exclusions: en(`genuine leather, original price, original packaging, copy of, original size, original color`),
      },
    },
  },
  {
    id: 'efficacy',
    names: { 'zh-CN': '效果', 'zh-TW': '效果', en: 'Efficacy' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`效果 有效 见效 管用 有用吗 有没有用 没用 起作用 好使 灵不灵 功效 疗效 没效果 没变化 没什么变化 一点变化 美白 变白
          祛斑 淡斑 祛痘 去痘 痘印 抗皱 去皱 淡纹 保湿 补水 控油 防晒 能瘦 减肥 掉秤 生发 防脱 去屑 止痒 持妆 有作用
          黑头 去角质 淡化 改善 缓解 长高 增高 好不好用 好用吗 管不管用 顶用 有帮助 见效快 抗老 能去 能治 治好 增肌 长肉 提亮 除螨 除甲醛 降噪效果 助眠 祛湿 降糖 降血糖 没淡 没变白 有没有效 没效 智商税 防脱 瘦身 排毒 能瘦几 去油 祛黄 提气色 淡化细纹 能变 饱腹 有没有作用`),
        exclusions: zh(`没用过 还没用 有用过 副作用 效果图`),
      },
      'zh-TW': {
        keywords: zh(`有效 效果 見效 看到效果 沒感覺 有感 保濕 美白 淡斑 抗痘 有用咩 真係有用 冇效 有冇效 幫助 會瘦`),
      },
      en: {
        keywords: en(
          `effective, efficacy, results, difference, whitening, brighten, brightening, wrinkles, anti-aging`,
        ),
        phrases:
          en(`does it work, does this work, actually work, really work, will it work, it work, see results, fade dark spots, hair fall, reduce, any effect, no effect, zero results, results, firm the skin, still falling,
          dark spots, hair loss, weight loss, help with, helps with, get rid of, dark circles`),
        exclusions: en(`side effect, no difference in price, color difference, colour difference`),
      },
    },
  },
  {
    id: 'skin_safety',
    names: { 'zh-CN': '肤质适用', 'zh-TW': '膚質適用', en: 'Skin suitability' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`敏感肌 敏感皮 敏感皮肤 皮肤敏感 过敏 致敏 刺激 刺痛 泛红 发红 发痒 红肿 起疹 疹子 闷痘 爆痘 长痘 闭口 痘痘肌 痘肌
          油皮 干皮 混油 混干 烂脸 搓泥 酒精 香精 激素 防腐剂 副作用 肤质 适合什么皮肤 温和 屏障 耐受 刷酸 过敏原
          敏感 痤疮 红疹 湿疹 皮炎 毛孔 堵毛孔 致痘 红血丝 水杨酸 果酸 视黄醇 灼热 火辣辣 刺刺 起疙瘩 小疙瘩 发痒 红痒 又红又痒 脸红 脸痒 烂脸 敏皮 干敏 屏障受损 不耐受 泛红吗 皮肤不好 拔干 脂肪粒 sls 红点子 起红点 痒得很 出疹 起痘痘 冒痘 紧绷 起皮 拔干 发炎 过敏吗`),
        exclusions: zh(`酒精棉 酒精湿巾`),
      },
      'zh-TW': {
        keywords: zh(
          `敏感肌 過敏 痘痘肌 香料 刺激 泛紅 乾性肌 油性肌 混合肌 膚質 異位性 皮膚炎 濕疹 敏感皮膚 出紅疹 好痕 會唔會痕 痕癢 刺刺 好癢 紅疹`,
        ),
      },
      en: {
        keywords:
          en(`sensitive, irritate, irritation, irritating, allergic, allergy, allergies, eczema, rash, breakout, breakouts, bumps, reactive, flaky, harsh,
          fragrance, alcohol, paraben, parabens, redness, stinging, comedogenic, dermatologist`),
        phrases:
          en(`break out, breaks out, acne-prone, acne prone, oily skin, dry skin, combination skin, side effect, side effects,
          skin react, skin reacts, fragrance free, fragrance-free, clog pores, clog my pores, skin type, rosacea, dermatitis`),
      },
    },
  },
  {
    id: 'baby_safety',
    names: { 'zh-CN': '母婴安全', 'zh-TW': '母嬰安全', en: 'Baby & pregnancy safety' },
    rules: {
      // Children words alone (孩子, 宝宝) are weak: a parent asking 孩子120穿什么码 has a size concern.
      // They count together with a safety word, or in a "can the baby use/eat/wear it" pattern.
      'zh-CN': {
        keywords: [
          ...zh(`孕妇 孕期 怀孕 孕早期 孕中期 孕晚期 备孕 哺乳期 哺乳 月子 误吞 吞下 小零件 双酚a bpa 3c认证
            荧光剂 食品级 母婴级 儿童安全 防夹手 无添加 喂奶 母乳 满月 误食 窒息 胎儿 坐月子 产妇 回奶 哺乳中 呛到 噎着 吞下去 3c`),
          ...weighted(
            0.3,
            zh(
              `宝宝 孩子 小孩 儿童 小朋友 幼儿 几个月 岁 安全 无毒 有毒 添加剂 稳不稳 会不会翻 尖角 磕 啃 咬 放嘴里 夹手 吞 小孙子 孙子 孙女 婴儿 新生儿 婴幼儿 危险 检验 掉进 童锁`,
            ),
          ),
        ],
        patterns:
          zh(`宝宝*能用 宝宝*可以用 宝宝*能吃 宝宝*可以吃 宝宝*能穿 宝宝*能玩 宝宝*安全 孩子*安全 小孩*安全 儿童*安全 小朋友*安全
          孩子*能用 小孩*能用 孩子*能吃 小孩*能吃 宝宝*能不能 个月*可以 个月*能用 个月*能吃 多大*能用 多大*可以用 岁*能玩
          孩子*能玩 小孩*能玩 孩子*可以玩 小孩*可以玩 婴儿*能 婴儿*可以 新生儿*能 新生儿*可以 婴儿*安全
          几岁*能 几岁*可以 个月*能 岁*能用 岁*能吃 宝宝*伤 孩子*伤 小孙子*吃`),
        exclusions: zh(`孕妇裙 孕妇装 孕妇裤 孕妇服 孕妇内衣`),
      },
      'zh-TW': {
        keywords: [
          ...zh(`孕婦 懷孕 哺乳 嬰兒 新生兒 孕婦食 孕婦用 BB用 BB食`),
          ...weighted(0.3, zh(`寶寶 小朋友 孩童 兒童 幾個月 安全`)),
        ],
        patterns: zh(`寶寶*可以用 寶寶*能用 寶寶*可以吃 小朋友*安全 bb*用得 bb*食得 小朋友*危險 孕婦*得唔得 嬰兒*可以`),
      },
      en: {
        keywords: [
          ...en(
            `pregnant, pregnancy, breastfeeding, newborn, newborns, infant, infants, bpa, choking, non-toxic, lead free, teether, swallow`,
          ),
          ...weighted(
            0.3,
            en(`baby, babies, toddler, toddlers, kid, kids, child, children, toxic, safe, safely, safety, mouth`),
          ),
          ...weighted(0.6, en(`year old, years old`)),
        ],
        phrases: en(
          `bpa free, small parts, what age, months old, month old, nursing moms, safe for babies, safe for kids, baby safe`,
        ),
      },
    },
  },
  {
    id: 'usage',
    names: { 'zh-CN': '使用方法', 'zh-TW': '使用方法', en: 'How to use' },
    rules: {
      'zh-CN': {
        keywords:
          zh(`怎么用 咋用 如何使用 怎么使用 使用方法 用法 用量 说明书 教程 怎么装 怎么安装 安装 不会装 不会用 看不懂 没看懂
          怎么洗 手洗 机洗 洗衣机 怎么连 配对 怎么充电 怎么冲 怎么吃 怎么喝 怎么涂 怎么擦 怎么戴 怎么调 怎么设置 怎么操作 怎么量 怎么做
          先用 顺序 步骤 怎么保存 放冰箱 进冰箱 冰箱保存 开封 泡水 兑水 几勺 一起用 能用多久 电池 充满 用多少
          怎么弄 咋弄 怎么搞 怎么拆 怎么清洗 清洗 拆洗 水洗 干洗 烘干 熨烫 组装 多少分钟 几分钟 下载 app 定时 档位 用什么
          摇匀 冷藏 要放冰箱 微波炉 洗碗机 消毒柜 怎么关 怎么背 怎么贴 怎么拼 怎么泡 怎么冲泡 怎么煮 怎么戴 图纸 驱动 怎么换 多久换 几天换
          能不能机洗 可以机洗 怎么叠 叠加 能一起用 饭前 饭后 一天吃几 吃几粒 一次吃 怎么调 调到 水温 怎么设定 怎么连接 连不上手机 怎么配对 怎么下载
          难不难装 自己装 拆下来洗 能不能刷 一天喝几 喝几包 晚上贴 白天贴 晚上用 白天用 早上用 建图 怎么建 早上喝 晚上喝 空腹 怎么冲 怎么切换 切换模式 怎么插 怎么滴 滴哪里 搭起来 怎么搭 怎么开机 怎么清零
          注意什么 要注意 第一次用 怎么收纳 怎么过渡 喂多少 喂几次 冲马桶 怎么看数据`),
        patterns: zh(`一天*几次 一周*几次 每天*几次 一次*多少 用*几次 怎么*用 怎么*洗 多久*一次`),
        exclusions: zh(`耐用 好用 怎么样 不用`),
      },
      'zh-TW': {
        keywords: zh(
          `怎麼使用 怎麼用 使用方式 怎麼安裝 怎麼擦 說明書 洗衣機 用法 怎麼清洗 清洗 保養 組裝 點用 點樣用 點開 點設定 設定 放雪櫃 放冰箱 手洗 放落洗衣機 教學 濾芯 一天吃幾 幾顆 要敷多久`,
        ),
        patterns: zh(`擦*幾次 一天*幾次`),
        exclusions: zh(`香港保養 保養點計 保養期 有冇保養 幾點開`),
      },
      en: {
        keywords:
          en(`instructions, manual, directions, install, installation, dishwasher, microwave, battery, batteries, pairing, tutorial,
          rechargeable, timer, settings, assemble, assembly, app, reset, charge it, fully charge, wet hair, leave it on, per day, how many capsules, how long should i, oven, apply this, before or after, in the shower, use it in, how many scoops, scoops, how do i clean, induction`),
        phrases:
          en(`how to use, how do i use, how do you use, how often, how many times, how to apply, to apply, how to install,
          how to wash, how wash, machine wash, hand wash, how to charge, set up, how to connect, how to clean`),
      },
    },
  },
];

import type { BuyerLanguage } from '../schemas/common';

/*
 * Common characters whose forms differ between simplified and traditional Chinese, as pairs
 * (same index = same character). Chat messages are short, so common words are what counts:
 * shopping, sizes, colours, shipping, greetings.
 */
const SIMPLIFIED =
  '们这个时说吗还么买卖货发运费码颜图质号长东问题为会样实际谢请订单递邮换钱价优红蓝绿黄适亲宝贝边没过对应该给让现后见觉专柜验证护肤婴儿开关机电话网线双节礼来点几听写读学车门头脸颗装条纸厂库补税务帮从与无难丝绒袜裤衬领纽轻温湿热凉脏净坏损丢错误谁饭爱欢烦满较够选择试尝杂产处级员积圆场经历岁钟药医虑态总业计划刚载签办须备准确认识记设输软币汇银转账户额区广华湾马鸟鱼龙风云飞压极尽检测规格联络隐约纤维够顾虽闻觉惊';
const TRADITIONAL =
  '們這個時說嗎還麼買賣貨發運費碼顏圖質號長東問題為會樣實際謝請訂單遞郵換錢價優紅藍綠黃適親寶貝邊沒過對應該給讓現後見覺專櫃驗證護膚嬰兒開關機電話網線雙節禮來點幾聽寫讀學車門頭臉顆裝條紙廠庫補稅務幫從與無難絲絨襪褲襯領紐輕溫濕熱涼髒淨壞損丟錯誤誰飯愛歡煩滿較夠選擇試嘗雜產處級員積圓場經歷歲鐘藥醫慮態總業計劃剛載簽辦須備準確認識記設輸軟幣匯銀轉帳戶額區廣華灣馬鳥魚龍風雲飛壓極盡檢測規格聯絡隱約纖維夠顧雖聞覺驚';

// A character written alike in both scripts carries no signal.
const shared = new Set([...SIMPLIFIED].filter((ch) => TRADITIONAL.includes(ch)));
const simplifiedSet = new Set([...SIMPLIFIED].filter((ch) => !shared.has(ch)));
const traditionalSet = new Set([...TRADITIONAL].filter((ch) => !shared.has(ch)));

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
const THAI = /\p{Script=Thai}/u;
/** Letters only Vietnamese writes: đ, ă, ơ, ư and the tone-marked vowels of Latin Extended Additional. */
const VIETNAMESE_LETTER = /[đăơưĐĂƠƯ\u1EA0-\u1EF9]/u;

/*
 * Short words that give a Latin-script chat away when it has no Vietnamese letters (buyers often
 * type without tone marks). Common in buyers' questions and not English words.
 */
const VIETNAMESE_WORDS = new Set([
  'khong',
  'duoc',
  'oi',
  'nhe',
  'nha',
  'ban',
  'minh',
  'cam',
  'hang',
  'giao',
  'gia',
  'bao',
  'nhieu',
  'chua',
  'roi',
  'cua',
  'voi',
  'dep',
  'mau',
]);
const MALAY_WORDS = new Set([
  'saya',
  'boleh',
  'tak',
  'tidak',
  'ada',
  'barang',
  'berapa',
  'terima',
  'kasih',
  'sudah',
  'dah',
  'belum',
  'bila',
  'kapan',
  'bisa',
  'mau',
  'nak',
  'kak',
  'kakak',
  'sis',
  'gan',
  'ini',
  'itu',
  'dengan',
  'untuk',
  'harga',
  'ongkir',
  'pesanan',
  'saiz',
  'ukuran',
  'stok',
  'sampai',
  'lagi',
  'juga',
  'macam',
  'mana',
  'apa',
  'bagaimana',
  'gimana',
  'dong',
  'ya',
  'kalau',
  'kami',
  'dan',
]);
const ENGLISH_WORDS = new Set([
  'the',
  'is',
  'are',
  'you',
  'i',
  'do',
  'does',
  'have',
  'has',
  'please',
  'can',
  'what',
  'how',
  'when',
  'thanks',
  'thank',
  'hi',
  'hello',
  'my',
  'order',
  'it',
  'this',
  'that',
  'and',
  'to',
  'of',
  'for',
  'will',
  'be',
  'not',
  'yes',
  'no',
  'size',
  'fit',
  'too',
]);

/**
 * Which variant to send: Chinese with traditional-only characters outnumbering simplified-only
 * ones → zh-TW; Thai script outnumbering Chinese → th; Latin with Vietnamese letters → vi; other
 * Latin text → whichever of Malay/Indonesian, Vietnamese (typed without tone marks) or English has
 * more of its common words, English on a tie; otherwise (and for emoji-only chats) zh-CN.
 */
export function detectBuyerLanguage(messages: readonly string[]): BuyerLanguage {
  let han = 0;
  let latin = 0;
  let thai = 0;
  let vietnamese = 0;
  let traditional = 0;
  let simplified = 0;
  for (const message of messages) {
    for (const ch of message) {
      if (HAN.test(ch)) {
        han++;
        if (traditionalSet.has(ch)) traditional++;
        else if (simplifiedSet.has(ch)) simplified++;
      } else if (THAI.test(ch)) thai++;
      else if (LATIN.test(ch)) {
        latin++;
        if (VIETNAMESE_LETTER.test(ch)) vietnamese++;
      }
    }
  }
  if (thai > 0 && thai >= han) return 'th';
  if (han === 0) return latin > 0 ? latinLanguage(messages, vietnamese) : 'zh-CN';
  return traditional > simplified ? 'zh-TW' : 'zh-CN';
}

function latinLanguage(messages: readonly string[], vietnameseLetters: number): BuyerLanguage {
  if (vietnameseLetters > 0) return 'vi';
  let vi = 0;
  let ms = 0;
  let en = 0;
  for (const message of messages) {
    for (const word of message.toLowerCase().split(/[^\p{L}]+/u)) {
      if (!word) continue;
      if (MALAY_WORDS.has(word)) ms++;
      if (VIETNAMESE_WORDS.has(word)) vi++;
      if (ENGLISH_WORDS.has(word)) en++;
    }
  }
  if (ms > en && ms >= vi) return 'ms';
  if (vi > en && vi > ms) return 'vi';
  return 'en';
}

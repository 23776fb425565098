/**
 * Character tables for the legacy tag encoding detector (legacy-encoding.ts): the few hundred
 * Chinese characters that make up most of song titles, artist and album names (simplified and
 * traditional forms, plus the Japanese kanji forms that differ), so that a decoding which yields
 * them is plausible and one which yields rare characters is not.
 */

/** Most frequent Chinese characters in general text (simplified forms). */
const COMMON_SIMPLIFIED =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对' +
  '可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同' +
  '三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定' +
  '女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化' +
  '由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应' +
  '路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许' +
  '八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带' +
  '花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻' +
  '程告江语英基派满式李息写呢识极令黄德收脸钱倒未持取设始版双历越史商千片容研像找友孩站广改议形委' +
  '早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴';

/** Characters that song and artist names use far more than general text does (simplified). */
const MUSIC_SIMPLIFIED =
  '歌曲唱恋梦泪伤夜雨星冬夏春秋忆幸福寂寞念待丽故旅乐辑精选集典君菲邓杰伦俊陈刘杨赵吴孙郑蔡依芳梁' +
  '静茹燕姿莫蔚惠妹齐秦羽泉许嵩薛谦朴树汪峰窦唯崔健罗大佑李宗盛萧敬腾潘玮柏陶喆孟庭苇伍佰谢霆锋' +
  '黎明郭富城刘若英范晓萱那英田震韩红毛阿敏张学友梅艳芳叶倩文徐小凤钟镇涛温兆伦林忆莲彭羚草蜢' +
  '蓝白红绿紫黑雪云月亮阳晴影笑哭醉酒歌舞吻抱心跳翅膀飞翔港湾岛岸城镇街路灯火烟雾梦境童年少爷娘' +
  '哥姐妹宝贝亲爱情人永远别离再见朋友伴侣温柔浪漫孤独流浪寻找等待回家思念执着勇敢坚强简单纯真美丽';

/** Traditional forms of the common characters above that differ from the simplified ones. */
const COMMON_TRADITIONAL =
  '們個這來為國說時會過對見經長開問學聽東車門書愛還後裡發點電樂歌夢遠傷淚戀憶華鄧麗陳劉楊黃趙吳孫' +
  '鄭倫傑張輯場經與無風雲飛歡別讓離願聲總誰從邊氣話實現覺頭頁號動種樣當們兒聽讀寫錢腦間題體應該麼' +
  '變親類傳節愛請問運員達進關於開處熱鬧難過歲隨紅綠藍鳥魚龍門島灣燈煙霧溫淨靜淺懷憂愁憐戀憶聖誕' +
  '醫樂團隊級專輯選場現謝謠詞譜調奏戲劇藝術電視臺灣廣東粵語國語華語獨唱對唱經典紀念願望幾許幫';

/** Japanese kanji forms (shinjitai) common in song titles that are neither of the above. */
const JAPANESE_KANJI = '桜気楽歳戦円駅僕私涙声恋君様曲歌唄夢空雪花風星光夜心色世界物語約束奇跡桜';

const ALL = COMMON_SIMPLIFIED + MUSIC_SIMPLIFIED + COMMON_TRADITIONAL + JAPANESE_KANJI;

/** The set of common CJK ideographs (about 1,000 characters). */
export const COMMON_HAN: ReadonlySet<string> = new Set(Array.from(ALL));

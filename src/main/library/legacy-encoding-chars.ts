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

/** Further frequent characters (general text ranks about 500–1500, simplified forms). */
const MORE_SIMPLIFIED =
  '示局奇按整仅尽卫须胡批复承板况证查采精集维减约修标预投注判编印测序阶铁层护环继称积需府质巴' +
  '随油调细供价普怀限营纪够规岁态协响存拉布备刚适河客球官团职较排热具增欧州准格举司试型坚端罗' +
  '段鲜良富引速升找医效号密类范云亚急朝洋湖唐宋元明清汉秦龙虎凤鹤鱼鸟马牛羊狼猫狗熊豹鹰燕雁蝶' +
  '木林森树叶草根竹松梅兰菊桃李杏荷莲玉石金银铜铁钢珠宝钻晶冰霜雾露虹雷电霞烟尘沙土泥岩峰岭' +
  '川河江湖泉溪浪潮波涛岸滩港桥街巷村庄园院楼阁亭塔宫殿堂庙寺店厅屋窗墙床桌椅灯镜杯瓶衣裙帽' +
  '鞋伞琴鼓笛箫弦舞演奏乐队团组合少年轻老幼童婴丈妻嫂侄孙姑姨舅叔伯兄哥弟姐妹宝贝君郎娘姑侠' +
  '英雄王侯帝皇后妃将帅兵士卒民农商工匠师傅医生护士教授校长冠军冷暖热凉温寒晴阴晚早晨昏午宵' +
  '秒分钟刻点半旬季度岁纪世代朝暮昨今明年周末节假期日历史记忆怀旧梦想希望信仰自由平安快慢高' +
  '低长短大小多少深浅远近轻重软硬甜酸苦辣香臭干湿新旧真假善恶美丑好坏对错胜败输赢生死悲欢苦' +
  '乐喜怒哀愁恨怨怕惊慌忙闲静闹吵安危险难易停止顶底左右东西南北前后上下内外中间旁边身体头脸' +
  '眼耳鼻口嘴唇牙舌手指脚腿背腰胸肩心肝血泪汗影声音色光亮暗黑白红黄蓝绿紫灰粉金彩丘乎易消凡' +
  '赤杀野痛器演宏费剪欢征域尔冷酷狼衣飘智软户座划逃跑吗丹克仰阔怒谣陷阱雅碰';

/** Traditional forms of further frequent characters. */
const MORE_TRADITIONAL =
  '單簡樹續萬義蓮榮繼陰橋紀魚鳥龍鳳鶴鷹燕蝶葉銀銅鐵鋼寶鑽晶霧雲電顯陽陰壞對錯勝敗輸贏悲歡喜' +
  '難險遠輕軟視訊議論語謠詩詞書畫圖館園閣樓廳屋燈鏡帶鞋傘師傅醫護軍隊團組紳費劍橋貞綺蘇麗雙' +
  '飛機場園區縣鄉鎮灣灘濤潮浪島嶼峰嶺巖臉體頭顏聲響衛須際標預測階層職較師範圍類號題記憶懷舊' +
  '夢想願望戰爭時間歷史這裡那裡為什麼還沒';

/** Further Japanese kanji common in names and titles. */
const MORE_JAPANESE = '松竹米川線師実沢坂井瀬浜崎藤佐伊斎辺渡島嶋浩誠翔蓮陽菜結愛歩駆恋唄謳';

const ALL =
  COMMON_SIMPLIFIED +
  MUSIC_SIMPLIFIED +
  MORE_SIMPLIFIED +
  COMMON_TRADITIONAL +
  MORE_TRADITIONAL +
  JAPANESE_KANJI +
  MORE_JAPANESE;

/** The set of common CJK ideographs (about 1,500 characters). */
export const COMMON_HAN: ReadonlySet<string> = new Set(Array.from(ALL));

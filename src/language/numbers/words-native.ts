// Number words in the native scripts: Hindi, Marathi, Bengali, Gujarati, Punjabi, Urdu, Tamil, Telugu,
// Kannada, Malayalam and Odia. Spellings are folded (nukta, candrabindu, chillu) before matching.
import {
  CRORE,
  HUNDRED,
  LAKH,
  THOUSAND,
  and,
  big,
  cur,
  mod,
  mul,
  num,
  range,
  type LexSpec,
} from './lexicon-types.js';

// prettier-ignore
const HINDI: readonly LexSpec[] = [
  num(0, 'शून्य'), num(1, 'एक'), num(2, 'दो'), num(3, 'तीन'), num(4, 'चार'), num(5, 'पाँच पांच'),
  num(6, 'छह छः छै छे'), num(7, 'सात'), num(8, 'आठ'), num(9, 'नौ'), num(10, 'दस'), num(11, 'ग्यारह'),
  num(12, 'बारह'), num(13, 'तेरह'), num(14, 'चौदह'), num(15, 'पंद्रह पन्द्रह'), num(16, 'सोलह'),
  num(17, 'सत्रह'), num(18, 'अठारह'), num(19, 'उन्नीस'), num(20, 'बीस'), num(21, 'इक्कीस'),
  num(22, 'बाईस'), num(23, 'तेईस'), num(24, 'चौबीस'), num(25, 'पच्चीस'), num(30, 'तीस'),
  num(35, 'पैंतीस'), num(40, 'चालीस'), num(45, 'पैंतालीस'), num(50, 'पचास'), num(60, 'साठ'),
  num(70, 'सत्तर'), num(75, 'पचहत्तर'), num(80, 'अस्सी'), num(90, 'नब्बे'),
  num(0.5, 'आधा आधी आधे'), num(1.5, 'डेढ़'), num(2.5, 'ढाई अढ़ाई'),
  mod(0.25, 'सवा'), mod(0.5, 'साढ़े'), mod(-0.25, 'पौने'),
  mul(HUNDRED, 'सौ'), mul(THOUSAND, 'हज़ार'), mul(LAKH, 'लाख'), mul(CRORE, 'करोड़'),
  cur('रुपये रुपए रुपया रुपैया रूपये रूपए रुपयों रु'), and('और'), range('से या'),
];

// prettier-ignore
const MARATHI: readonly LexSpec[] = [
  num(2, 'दोन'), num(5, 'पाच'), num(6, 'सहा'), num(9, 'नऊ'), num(10, 'दहा'), num(11, 'अकरा'),
  num(12, 'बारा'), num(14, 'चौदा'), num(15, 'पंधरा'), num(16, 'सोळा'), num(17, 'सतरा'),
  num(18, 'अठरा'), num(19, 'एकोणीस'), num(20, 'वीस'), num(25, 'पंचवीस'), num(40, 'चाळीस'),
  num(50, 'पन्नास'), num(80, 'ऐंशी'), num(90, 'नव्वद'),
  num(200, 'दोनशे'), num(300, 'तीनशे'), num(400, 'चारशे'), num(500, 'पाचशे'),
  num(2, 'दोघे दोघं दोघी'), num(3, 'तिघे तिघं तिघी'), num(4, 'चौघे चौघं'),
  num(0.5, 'अर्धा अर्धे'), num(1.5, 'दीड'), num(2.5, 'अडीच'),
  mod(0.25, 'सव्वा'), mod(0.5, 'साडे'), mod(-0.25, 'पावणे पाऊणे'),
  mul(HUNDRED, 'शंभर'), mul(CRORE, 'कोटी'), cur('रुपयांचा रुपयांची रुपयांचे'), and('आणि'), range('ते किंवा'),
];

// prettier-ignore
const BENGALI: readonly LexSpec[] = [
  num(0, 'শূন্য'), num(1, 'এক'), num(2, 'দুই দু'), num(3, 'তিন'), num(4, 'চার'), num(5, 'পাঁচ'),
  num(6, 'ছয় ছ'), num(7, 'সাত'), num(8, 'আট'), num(9, 'নয়'), num(10, 'দশ'), num(11, 'এগারো'),
  num(12, 'বারো'), num(13, 'তেরো'), num(14, 'চোদ্দ চৌদ্দ'), num(15, 'পনেরো'), num(16, 'ষোলো'),
  num(17, 'সতেরো'), num(18, 'আঠারো'), num(19, 'উনিশ'), num(20, 'কুড়ি বিশ'), num(25, 'পঁচিশ'),
  num(30, 'তিরিশ ত্রিশ'), num(40, 'চল্লিশ'), num(50, 'পঞ্চাশ'), num(60, 'ষাট'), num(70, 'সত্তর'),
  num(80, 'আশি'), num(90, 'নব্বই'), num(100, 'একশো একশ'), num(200, 'দুশো'), num(300, 'তিনশো'),
  num(500, 'পাঁচশো'),
  num(1, 'একজন'), num(2, 'দুজন দুইজন'), num(3, 'তিনজন'), num(4, 'চারজন'), num(5, 'পাঁচজন'),
  num(0.5, 'আধা অর্ধেক'), num(1.5, 'দেড়'), num(2.5, 'আড়াই'),
  mod(0.25, 'সোয়া'), mod(0.5, 'সাড়ে'), mod(-0.25, 'পৌনে'),
  mul(HUNDRED, 'শো'), mul(THOUSAND, 'হাজার'), mul(LAKH, 'লাখ লক্ষ'), mul(CRORE, 'কোটি'),
  cur('টাকা রুপি'), and('এবং ও'), range('থেকে বা'),
];

// prettier-ignore
const GUJARATI: readonly LexSpec[] = [
  num(1, 'એક'), num(2, 'બે'), num(3, 'ત્રણ'), num(4, 'ચાર'), num(5, 'પાંચ'), num(6, 'છ'), num(7, 'સાત'),
  num(8, 'આઠ'), num(9, 'નવ'), num(10, 'દસ'), num(11, 'અગિયાર'), num(12, 'બાર'), num(13, 'તેર'),
  num(14, 'ચૌદ'), num(15, 'પંદર'), num(16, 'સોળ'), num(17, 'સત્તર'), num(18, 'અઢાર'), num(19, 'ઓગણીસ'),
  num(20, 'વીસ'), num(25, 'પચ્ચીસ પચીસ'), num(30, 'ત્રીસ'), num(40, 'ચાલીસ'), num(50, 'પચાસ'),
  num(60, 'સાઠ'), num(70, 'સિત્તેર'), num(80, 'એંસી'), num(90, 'નેવું'),
  num(0.5, 'અડધો અડધા અડધું'), num(1.5, 'દોઢ'), num(2.5, 'અઢી'),
  mod(0.25, 'સવા'), mod(0.5, 'સાડા'), mod(-0.25, 'પોણા'),
  mul(HUNDRED, 'સો'), mul(THOUSAND, 'હજાર'), mul(LAKH, 'લાખ'), mul(CRORE, 'કરોડ'),
  cur('રૂપિયા રૂપિયો રૂ'), and('અને'), range('થી અથવા'),
];

// prettier-ignore
const PUNJABI: readonly LexSpec[] = [
  num(1, 'ਇੱਕ ਇਕ'), num(2, 'ਦੋ'), num(3, 'ਤਿੰਨ'), num(4, 'ਚਾਰ'), num(5, 'ਪੰਜ'), num(6, 'ਛੇ'), num(7, 'ਸੱਤ'),
  num(8, 'ਅੱਠ'), num(9, 'ਨੌਂ ਨੌ'), num(10, 'ਦਸ'), num(11, 'ਗਿਆਰਾਂ'), num(12, 'ਬਾਰਾਂ'), num(13, 'ਤੇਰਾਂ'),
  num(14, 'ਚੌਦਾਂ'), num(15, 'ਪੰਦਰਾਂ'), num(16, 'ਸੋਲਾਂ'), num(17, 'ਸਤਾਰਾਂ'), num(18, 'ਅਠਾਰਾਂ'),
  num(19, 'ਉੱਨੀ'), num(20, 'ਵੀਹ'), num(25, 'ਪੱਚੀ'), num(30, 'ਤੀਹ'), num(40, 'ਚਾਲੀ'), num(50, 'ਪੰਜਾਹ'),
  num(60, 'ਸੱਠ'), num(70, 'ਸੱਤਰ'), num(80, 'ਅੱਸੀ'), num(90, 'ਨੱਬੇ'),
  num(0.5, 'ਅੱਧਾ ਅੱਧੀ'), num(1.5, 'ਡੇਢ'), num(2.5, 'ਢਾਈ'),
  mod(0.25, 'ਸਵਾ'), mod(0.5, 'ਸਾਢੇ'), mod(-0.25, 'ਪੌਣੇ'),
  mul(HUNDRED, 'ਸੌ'), mul(THOUSAND, 'ਹਜ਼ਾਰ'), mul(LAKH, 'ਲੱਖ'), mul(CRORE, 'ਕਰੋੜ'),
  cur('ਰੁਪਏ ਰੁਪਈਏ ਰੁਪਿਆ ਰੁਪਏ'), and('ਅਤੇ ਤੇ'), range('ਤੋਂ ਜਾਂ'),
];

// prettier-ignore
const URDU: readonly LexSpec[] = [
  num(0, 'صفر'), num(1, 'ایک'), num(2, 'دو'), num(3, 'تین'), num(4, 'چار'), num(5, 'پانچ'),
  num(6, 'چھ چھے'), num(7, 'سات'), num(8, 'آٹھ'), num(9, 'نو'), num(10, 'دس'), num(11, 'گیارہ'),
  num(12, 'بارہ'), num(13, 'تیرہ'), num(14, 'چودہ'), num(15, 'پندرہ'), num(16, 'سولہ'), num(17, 'سترہ'),
  num(18, 'اٹھارہ'), num(19, 'انیس'), num(20, 'بیس'), num(25, 'پچیس'), num(30, 'تیس'),
  num(40, 'چالیس'), num(50, 'پچاس'), num(60, 'ساٹھ'), num(70, 'ستر'), num(90, 'نوے'),
  num(0.5, 'آدھا آدھی'), num(1.5, 'ڈیڑھ'), num(2.5, 'ڈھائی اڑھائی'),
  mod(0.25, 'سوا'), mod(0.5, 'ساڑھے'), mod(-0.25, 'پونے'),
  mul(HUNDRED, 'سو'), mul(THOUSAND, 'ہزار'), mul(LAKH, 'لاکھ'), mul(CRORE, 'کروڑ'),
  cur('روپے روپیہ روپئے روپیے'), and('اور'), range('سے یا'),
];

// prettier-ignore
const TAMIL: readonly LexSpec[] = [
  num(0, 'பூஜ்ஜியம்'), num(1, 'ஒன்று ஒன்னு ஒரு'), num(2, 'இரண்டு ரெண்டு'), num(3, 'மூன்று மூணு'),
  num(4, 'நான்கு நாலு'), num(5, 'ஐந்து அஞ்சு'), num(6, 'ஆறு'), num(7, 'ஏழு'), num(8, 'எட்டு'),
  num(9, 'ஒன்பது'), num(10, 'பத்து'), num(20, 'இருபது'), num(30, 'முப்பது'), num(40, 'நாற்பது'),
  num(50, 'ஐம்பது'), num(0.5, 'அரை'), num(1.5, 'ஒன்றரை'), num(2.5, 'இரண்டரை'), num(3.5, 'மூன்றரை'),
  big(2000, THOUSAND, 'இரண்டாயிரம் ரெண்டாயிரம்'), big(3000, THOUSAND, 'மூவாயிரம்'),
  big(4000, THOUSAND, 'நான்காயிரம் நாலாயிரம்'), big(5000, THOUSAND, 'ஐயாயிரம் அஞ்சாயிரம்'),
  big(6000, THOUSAND, 'ஆறாயிரம்'), big(7000, THOUSAND, 'ஏழாயிரம்'), big(8000, THOUSAND, 'எட்டாயிரம்'),
  big(9000, THOUSAND, 'ஒன்பதாயிரம்'), big(10_000, THOUSAND, 'பத்தாயிரம்'),
  big(20_000, THOUSAND, 'இருபதாயிரம்'), big(30_000, THOUSAND, 'முப்பதாயிரம்'),
  big(50_000, THOUSAND, 'ஐம்பதாயிரம்'),
  mul(HUNDRED, 'நூறு'), mul(THOUSAND, 'ஆயிரம்'), mul(LAKH, 'லட்சம் இலட்சம் லட்ச லெட்சம்'),
  mul(CRORE, 'கோடி'), cur('ரூபாய் ரூ'), and('மற்றும்'), range('முதல் அல்லது'),
];

// prettier-ignore
const TELUGU: readonly LexSpec[] = [
  num(1, 'ఒకటి ఒక ఒక్క'), num(2, 'రెండు'), num(3, 'మూడు'), num(4, 'నాలుగు'), num(5, 'ఐదు అయిదు'),
  num(6, 'ఆరు'), num(7, 'ఏడు'), num(8, 'ఎనిమిది'), num(9, 'తొమ్మిది'), num(10, 'పది'), num(20, 'ఇరవై'),
  num(30, 'ముప్పై'), num(40, 'నలభై'), num(50, 'యాభై'), num(1000, 'వెయ్యి వేయి'),
  num(0.5, 'అర'), num(1.5, 'ఒకటిన్నర'), num(2.5, 'రెండున్నర'), num(3.5, 'మూడున్నర'),
  mul(HUNDRED, 'వంద వందలు నూరు'), mul(THOUSAND, 'వేలు వేల'), mul(LAKH, 'లక్ష లక్షలు లక్షల'),
  mul(CRORE, 'కోటి కోట్లు కోట్ల'),
  num(2, 'ఇద్దరు'), num(3, 'ముగ్గురు'), num(4, 'నలుగురు'), num(5, 'ఐదుగురు'), num(6, 'ఆరుగురు'),
  num(10, 'పదిమంది'), cur('రూపాయలు రూపాయి రూపాయల'), and('మరియు'), range('నుండి లేదా'),
];

// prettier-ignore
const KANNADA: readonly LexSpec[] = [
  num(0, 'ಸೊನ್ನೆ'), num(1, 'ಒಂದು'), num(2, 'ಎರಡು'), num(3, 'ಮೂರು'), num(4, 'ನಾಲ್ಕು'), num(5, 'ಐದು'),
  num(6, 'ಆರು'), num(7, 'ಏಳು'), num(8, 'ಎಂಟು'), num(9, 'ಒಂಬತ್ತು'), num(10, 'ಹತ್ತು'), num(20, 'ಇಪ್ಪತ್ತು'),
  num(30, 'ಮೂವತ್ತು'), num(40, 'ನಲವತ್ತು'), num(50, 'ಐವತ್ತು'),
  num(0.5, 'ಅರ್ಧ'), num(1.5, 'ಒಂದೂವರೆ ದೇಢ ಡೇಢ'), num(2.5, 'ಎರಡೂವರೆ'), num(3.5, 'ಮೂರೂವರೆ'),
  num(2, 'ಇಬ್ಬರು'), num(3, 'ಮೂವರು'), num(4, 'ನಾಲ್ವರು'), num(5, 'ಐವರು'),
  mul(HUNDRED, 'ನೂರು'), mul(THOUSAND, 'ಸಾವಿರ'), mul(LAKH, 'ಲಕ್ಷ'), mul(CRORE, 'ಕೋಟಿ'),
  cur('ರೂಪಾಯಿ ರೂ'), and('ಮತ್ತು'), range('ಇಂದ ರಿಂದ ಅಥವಾ'),
];

// prettier-ignore
const MALAYALAM: readonly LexSpec[] = [
  num(0, 'പൂജ്യം'), num(1, 'ഒന്ന് ഒരു'), num(2, 'രണ്ട് രണ്ടു'), num(3, 'മൂന്ന് മൂന്നു'),
  num(4, 'നാല് നാലു'), num(5, 'അഞ്ച് അഞ്ചു'), num(6, 'ആറ് ആറു'), num(7, 'ഏഴ് ഏഴു'), num(8, 'എട്ട് എട്ടു'),
  num(9, 'ഒമ്പത് ഒൻപത്'), num(10, 'പത്ത് പത്തു'), num(20, 'ഇരുപത്'), num(30, 'മുപ്പത്'),
  num(40, 'നാൽപ്പത് നാല്പത്'), num(50, 'അമ്പത് അൻപത്'),
  num(0.5, 'അര'), num(1.5, 'ഒന്നര'), num(2.5, 'രണ്ടര'), num(3.5, 'മൂന്നര'),
  big(2000, THOUSAND, 'രണ്ടായിരം'), big(3000, THOUSAND, 'മൂവായിരം'), big(4000, THOUSAND, 'നാലായിരം'),
  big(5000, THOUSAND, 'അയ്യായിരം'), big(10_000, THOUSAND, 'പതിനായിരം'),
  big(20_000, THOUSAND, 'ഇരുപതിനായിരം'), big(50_000, THOUSAND, 'അമ്പതിനായിരം'),
  mul(HUNDRED, 'നൂറ് നൂറു'), mul(THOUSAND, 'ആയിരം ഹജാര'), mul(LAKH, 'ലക്ഷം'), mul(CRORE, 'കോടി'),
  cur('രൂപ'), range('മുതൽ അല്ലെങ്കിൽ'),
];

// prettier-ignore
const ODIA: readonly LexSpec[] = [
  num(0, 'ଶୂନ'), num(1, 'ଏକ'), num(2, 'ଦୁଇ'), num(3, 'ତିନି'), num(4, 'ଚାରି'), num(5, 'ପାଞ୍ଚ'), num(6, 'ଛଅ'),
  num(7, 'ସାତ'), num(8, 'ଆଠ'), num(9, 'ନଅ'), num(10, 'ଦଶ'), num(20, 'କୋଡ଼ିଏ'), num(25, 'ପଚିଶ'),
  num(30, 'ତିରିଶ'), num(40, 'ଚାଳିଶ'), num(50, 'ପଚାଶ'),
  num(0.5, 'ଅଧା'), num(1.5, 'ଦେଢ଼'), num(2.5, 'ଅଢ଼େଇ'), mod(0.5, 'ସାଢ଼େ'),
  mul(HUNDRED, 'ଶହେ ଶହ'), mul(THOUSAND, 'ହଜାର'), mul(LAKH, 'ଲକ୍ଷ'), mul(CRORE, 'କୋଟି'),
  cur('ଟଙ୍କା'), and('ଏବଂ ଓ'), range('କିମ୍ବା ବା'),
];

// prettier-ignore
export const NATIVE_WORDS: readonly LexSpec[] = [
  ...HINDI, ...MARATHI, ...BENGALI, ...GUJARATI, ...PUNJABI, ...URDU,
  ...TAMIL, ...TELUGU, ...KANNADA, ...MALAYALAM, ...ODIA,
];

/** Stems that still mean the multiplier or rupees with a case ending glued on: லட்சத்துக்கு,
 * లక్షలు, ಸಾವಿರದ, ലക്ഷത്തിന്, ହଜାରରୁ, লাখের, રૂપિયાનો … */
// prettier-ignore
export const NATIVE_STEMS: readonly LexSpec[] = [
  mul(THOUSAND, 'ஆயிர వేల ಸಾವಿರ ആയിര ହଜାର হাজার હજાર'),
  mul(LAKH, 'லட்ச இலட்ச లక్ష ಲಕ್ಷ ലക്ഷ ଲକ୍ଷ লাখ লক্ষ લાખ'),
  mul(CRORE, 'கோடி కోట ಕೋಟಿ കോടി କୋଟି কোটি કરોડ कोटी'),
  cur('ரூபா రూపాయ ರೂಪಾಯ രൂപ ଟଙ୍କା টাকা રૂપિય रुपय'),
];

// Words that say what a number counts (years, months, people, percent) and a matcher for fixed
// phrases ("koi nahi", "not started", "পিছলে সাল"), in the twelve languages, native and romanized.
import { foldText, type Token } from './fold.js';

export type Unit = 'year' | 'month' | 'people' | 'percent';

const UNIT_WORDS: Readonly<Record<Unit, string>> = {
  year:
    'year years yr yrs saal sal saalon salon saalo varsh varsha varshe varsho varas baras barsh barsa ' +
    'bochor bochhor bochor bachhar bachar aandu andu varusham varusam varudam varudangal varsham ' +
    'samvatsaram samvatsaralu samvathsaram samvatsarala ellu yellu varshagalu varshagalinda kollam ' +
    'साल सालों साला वर्ष वर्षों वर्षे बरस वर्षांपासून वर्षापासून বছর বছরের વર્ષ વર્ષથી વરસ ਸਾਲ ਸਾਲਾਂ ਵਰ੍ਹੇ ' +
    'سال سالوں برس ஆண்டு ஆண்டுகள் வருடம் வருடங்கள் வருஷம் సంవత్సరం సంవత్సరాలు ఏళ్లు ఏళ్ళు ' +
    'ವರ್ಷ ವರ್ಷಗಳು ವರುಷ വർഷം വർഷങ്ങൾ കൊല്ലം ବର୍ଷ',
  month:
    'month months mnth mnths mahine mahina mahinay mahiney mahino maheene mahne maas maah masam maasam ' +
    'masa maasa nela nelalu thingal tingal tingalu week weeks hafte hafta haftay day days din dino divas ' +
    'महीने महीना महीनों माह महिने महिना हफ्ते हफ्ता सप्ताह दिन মাস মাসের সপ্তাহ দিন મહિના મહિનાથી અઠવાડિયા ' +
    'દિવસ ਮਹੀਨੇ ਮਹੀਨਾ ਹਫ਼ਤੇ ਦਿਨ مہینے مہینہ ماہ ہفتے دن மாதம் மாதங்கள் வாரம் நாள் నెలలు నెల వారాలు రోజులు ' +
    'ತಿಂಗಳು ವಾರ ದಿನ മാസം ആഴ്ച ദിവസം ମାସ ସପ୍ତାହ ଦିନ',
  people:
    'log logo people persons person workers worker employees employee staff karigar karigars karmchari ' +
    'karmachari helper helpers aadmi admi ladke ladka bande banda jan jon jana majdoor mazdoor labour ' +
    'labourers labor kamgar manas manso lok loko aalukal aalu ' +
    'लोग लोगों कर्मचारी कारीगर आदमी मजदूर जन लोक कामगार माणसे लड़के लड़का लड़कियां लड़कियाँ बंदे জন লোক কর্মী কর্মচারী માણસ માણસો ' +
    'કારીગર લોકો જણ જણા ਬੰਦੇ ਲੋਕ ਕਾਮੇ ਮੁਲਾਜ਼ਮ لوگ ملازم کاریگر آدمی مزدور பேர் ஊழியர்கள் தொழிலாளர்கள் ஆட்கள் ' +
    'మంది ఉద్యోగులు కార్మికులు ಜನ ಕೆಲಸಗಾರರು ನೌಕರರು ആളുകൾ പേർ ജോലിക്കാർ തൊഴിലാളികൾ ଜଣ ଲୋକ କର୍ମଚାରୀ',
  percent: 'percent pratishat प्रतिशत শতাংশ ટકા ਫੀਸਦੀ فیصد சதவீதம் శాతం ಶೇಕಡಾ ശതമാനം ପ୍ରତିଶତ',
};

/** Native stems that keep their meaning with a case ending (வருடங்களாக, సంవత్సరాలుగా, ମାସରୁ …). */
const UNIT_STEMS: Readonly<Record<Unit, string>> = {
  year: 'ஆண்டு வருட வருஷ సంవత్సర ఏళ్ ವರ್ಷ വർഷ കൊല്ല ବର୍ଷ বছর વર્ષ ਸਾਲ वर्ष',
  month: 'மாத నెల ತಿಂಗಳ മാസ ମାସ মাস મહિન ਮਹੀਨ महीन महिन',
  people: 'ஊழியர் தொழிலாளர் ఉద్యోగ కార్మిక ಕೆಲಸಗಾರ ನೌಕರ ജോലിക്കാര തൊഴിലാളി କର୍ମଚାରୀ কর্মচারী',
  percent: '',
};

function index(source: Readonly<Record<Unit, string>>): Map<string, Unit> {
  const map = new Map<string, Unit>();
  for (const [unit, words] of Object.entries(source) as [Unit, string][]) {
    for (const word of words.split(/\s+/)) {
      const key = foldText(word);
      if (key !== '' && /^[\p{L}\p{M}]+$/u.test(key) && !map.has(key)) map.set(key, unit);
    }
  }
  return map;
}

const UNITS = index(UNIT_WORDS);
const STEMS = index(UNIT_STEMS);

/** What the token at `i` says the number before it counts, if anything. */
export function unitAt(tokens: readonly Token[], i: number): Unit | undefined {
  const tok = tokens[i];
  if (tok === undefined) return undefined;
  if (tok.kind === 'sym' && tok.text === '%') return 'percent';
  if (tok.kind !== 'word') return undefined;
  const exact = UNITS.get(tok.text);
  if (exact !== undefined || !tok.native) return exact;
  for (let len = tok.text.length; len >= 2; len--) {
    const stem = STEMS.get(tok.text.slice(0, len));
    if (stem !== undefined) return stem;
  }
  return undefined;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds a test for fixed phrases: a phrase must start at a word start; romanized ones must also end
 * at a word end ("new" does not match "news"), native ones may carry a case ending. */
export function phraseMatcher(phrases: readonly string[]): (folded: string) => boolean {
  const parts = phrases.map((p) => {
    const key = escape(foldText(p)).replace(/ +/g, '\\s+');
    return /^[a-z]/.test(key) ? `${key}(?![\\p{L}\\p{M}])` : key;
  });
  const re = new RegExp(`(?<![\\p{L}\\p{M}])(?:${parts.join('|')})`, 'u');
  return (folded) => re.test(folded);
}

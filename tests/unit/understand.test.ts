// Free-text understanding in 12 languages: commands, yes / no, feedback, language requests, business
// kinds, normalization, the lexicon's own validation, speed, and that no input can make a matcher throw.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../src/language/langs.js';
import {
  COMMANDS,
  businessKindName,
  checkUnderstandingData,
  fuzzyKey,
  getBusinessKind,
  listBusinessKinds,
  matchBusinessKind,
  matchCommand,
  matchFeedback,
  matchLanguageRequest,
  matchNone,
  matchYesNo,
  normalizeText,
  validateLexicon,
} from '../../src/language/understand.js';

interface Case {
  readonly business: readonly [text: string, kind: string];
  readonly yes: string;
  readonly no: string;
  readonly stop: string;
  readonly help: string;
  readonly language: readonly [text: string, lang: Lang];
}

/** For every language, one message set in its own script and one typed in Latin letters. */
// prettier-ignore
const CASES: Record<Lang, { native: Case; romanized: Case }> = {
  en: {
    native: { business: ['I run a tea stall', 'tea_stall'], yes: 'yes', no: 'no', stop: 'STOP', help: 'help', language: ['talk in english', 'en'] },
    romanized: { business: ['we have a small grocery store', 'kirana'], yes: 'yeah sure', no: 'nope', stop: 'unsubscribe', help: 'i need help', language: ['switch to marathi', 'mr'] },
  },
  hi: {
    native: { business: ['मैं सिलाई का काम करती हूँ', 'tailor'], yes: 'हाँ जी', no: 'नहीं', stop: 'रोको', help: 'मदद चाहिए', language: ['हिंदी में बोलो', 'hi'] },
    romanized: { business: ['kirana ki dukaan hai meri', 'kirana'], yes: 'haan ji', no: 'nahi', stop: 'band karo', help: 'madad karo', language: ['Tamil mein baat karo', 'ta'] },
  },
  bn: {
    native: { business: ['আমার একটা মিষ্টির দোকান আছে', 'sweet_shop'], yes: 'হ্যাঁ', no: 'না', stop: 'বন্ধ করো', help: 'সাহায্য চাই', language: ['বাংলায় বলো', 'bn'] },
    romanized: { business: ['ami ekta mishtir dokan chalai', 'sweet_shop'], yes: 'hya', no: 'na', stop: 'bondho koro', help: 'sahajjo chai', language: ['bangla te bolo', 'bn'] },
  },
  mr: {
    native: { business: ['माझे किराणा दुकान आहे', 'kirana'], yes: 'हो', no: 'नाही', stop: 'थांबवा', help: 'मदत हवी आहे', language: ['मराठीत बोला', 'mr'] },
    romanized: { business: ['mi shimpi aahe', 'tailor'], yes: 'ho', no: 'nako', stop: 'band kara', help: 'madat kara', language: ['marathi madhe bola', 'mr'] },
  },
  te: {
    native: { business: ['నేను టైలరింగ్ చేస్తాను', 'tailor'], yes: 'అవును', no: 'లేదు', stop: 'ఆపండి', help: 'సహాయం కావాలి', language: ['తెలుగులో మాట్లాడండి', 'te'] },
    romanized: { business: ['nenu kirana kottu naduputhanu', 'kirana'], yes: 'avunu', no: 'ledu', stop: 'aapu', help: 'sahayam kavali', language: ['telugu lo matladandi', 'te'] },
  },
  ta: {
    native: { business: ['நான் டீக்கடை வைத்திருக்கிறேன்', 'tea_stall'], yes: 'ஆம்', no: 'இல்லை', stop: 'நிறுத்து', help: 'உதவி வேண்டும்', language: ['தமிழில் பேசுங்கள்', 'ta'] },
    romanized: { business: ['naan maligai kadai vachirukken', 'kirana'], yes: 'ama', no: 'illa', stop: 'niruthu', help: 'udhavi', language: ['tamil la pesunga', 'ta'] },
  },
  gu: {
    native: { business: ['મારી કરિયાણાની દુકાન છે', 'kirana'], yes: 'હા', no: 'ના', stop: 'બંધ કરો', help: 'મદદ જોઈએ', language: ['ગુજરાતીમાં વાત કરો', 'gu'] },
    romanized: { business: ['hu darji nu kam karu chu', 'tailor'], yes: 'ha', no: 'na', stop: 'bandh karo', help: 'madad joie', language: ['gujarati ma vaat karo', 'gu'] },
  },
  ur: {
    native: { business: ['میری کریانے کی دکان ہے', 'kirana'], yes: 'جی ہاں', no: 'نہیں', stop: 'بند کرو', help: 'مدد چاہیے', language: ['اردو میں بات کریں', 'ur'] },
    romanized: { business: ['main darzi ka kaam karta hoon', 'tailor'], yes: 'ji haan', no: 'nahin', stop: 'band karein', help: 'madad chahiye', language: ['urdu mein baat karein', 'ur'] },
  },
  kn: {
    native: { business: ['ನಾನು ದಿನಸಿ ಅಂಗಡಿ ನಡೆಸುತ್ತೇನೆ', 'kirana'], yes: 'ಹೌದು', no: 'ಇಲ್ಲ', stop: 'ನಿಲ್ಲಿಸಿ', help: 'ಸಹಾಯ ಬೇಕು', language: ['ಕನ್ನಡದಲ್ಲಿ ಮಾತಾಡಿ', 'kn'] },
    romanized: { business: ['nanu tea angadi nadesuttene', 'tea_stall'], yes: 'houdu', no: 'illa', stop: 'nillisi', help: 'sahaya beku', language: ['kannada dalli maatadi', 'kn'] },
  },
  or: {
    native: { business: ['ମୁଁ ଗୋଟେ ମୁଦି ଦୋକାନ ଚଳାଏ', 'kirana'], yes: 'ହଁ', no: 'ନା', stop: 'ବନ୍ଦ କର', help: 'ସାହାଯ୍ୟ ଦରକାର', language: ['ଓଡ଼ିଆରେ କୁହ', 'or'] },
    romanized: { business: ['mu darji kama kare', 'tailor'], yes: 'han', no: 'nahin', stop: 'banda kara', help: 'sahajya darkar', language: ['odia re kuha', 'or'] },
  },
  ml: {
    native: { business: ['ഞാൻ ഒരു ചായക്കട നടത്തുന്നു', 'tea_stall'], yes: 'അതെ', no: 'ഇല്ല', stop: 'നിർത്തൂ', help: 'സഹായം വേണം', language: ['മലയാളത്തിൽ സംസാരിക്കൂ', 'ml'] },
    romanized: { business: ['njan oru thayyal kada nadathunnu', 'tailor'], yes: 'athe', no: 'illa', stop: 'nirthu', help: 'sahayam venam', language: ['malayalam il samsarikku', 'ml'] },
  },
  pa: {
    native: { business: ['ਮੇਰੀ ਕਰਿਆਨੇ ਦੀ ਦੁਕਾਨ ਹੈ', 'kirana'], yes: 'ਹਾਂ ਜੀ', no: 'ਨਹੀਂ', stop: 'ਬੰਦ ਕਰੋ', help: 'ਮਦਦ ਚਾਹੀਦੀ', language: ['ਪੰਜਾਬੀ ਵਿੱਚ ਗੱਲ ਕਰੋ', 'pa'] },
    romanized: { business: ['meri kariyane di dukan hai', 'kirana'], yes: 'haanji', no: 'nahi', stop: 'roko', help: 'madad', language: ['punjabi vich gall karo', 'pa'] },
  },
};

describe.each(LANGS)('%s', (lang) => {
  describe.each(['native', 'romanized'] as const)('%s', (form) => {
    const c = CASES[lang][form];
    it(`finds the business in "${c.business[0]}"`, () => {
      expect(matchBusinessKind(c.business[0])?.id).toBe(c.business[1]);
    });
    it('reads yes and no', () => {
      expect(matchYesNo(c.yes)).toBe('yes');
      expect(matchYesNo(c.no)).toBe('no');
    });
    it('reads stop and help as commands', () => {
      expect(matchCommand(c.stop)).toBe('stop');
      expect(matchCommand(c.help)).toBe('help');
    });
    it(`reads "${c.language[0]}" as a request for ${c.language[1]}`, () => {
      expect(matchLanguageRequest(c.language[0])).toBe(c.language[1]);
    });
  });
});

describe('matchCommand', () => {
  it('reads a command alone or with filler words, in any case and punctuation', () => {
    const cases: [string, string][] = [
      ['STOP', 'stop'],
      ['Stop!!!', 'stop'],
      ['stop please', 'stop'],
      ['plz stop bhai', 'stop'],
      ['रोको', 'stop'],
      ['band karo', 'stop'],
      ['நிறுத்து', 'stop'],
      ['unsubscribe', 'stop'],
      ['mat bhejo', 'stop'],
      ['mera data delete karo', 'delete'],
      ['मेरा डेटा मिटाओ', 'delete'],
      ['delete my data', 'delete'],
      ['profile dikhao', 'profile'],
      ['meri jankari', 'profile'],
      ['menu', 'menu'],
      ['menu dikhao ji', 'menu'],
      ['bhasha badlo', 'language'],
      ['language change', 'language'],
      ['ভাষা বদলাও', 'language'],
      ['shuru karo', 'start'],
      ['phir se shuru karo', 'restart'],
      ['restart', 'restart'],
      ['skip', 'skip'],
      ['pata nahi', 'skip'],
      ['chhodo', 'skip'],
      ['wapas jao', 'back'],
      ['back', 'back'],
      ['aur dikhao', 'more'],
      ['more', 'more'],
      ['edit', 'edit'],
      ['jankari badlo', 'edit'],
      ['help kijiye', 'help'],
    ];
    for (const [text, command] of cases) expect(matchCommand(text), text).toBe(command);
  });

  it('has words for every command in every language', () => {
    expect(COMMANDS).toHaveLength(13);
    expect(validateLexicon().filter((p) => p.startsWith('command'))).toEqual([]);
  });

  it('does not fire when the word sits inside a longer sentence', () => {
    for (const text of [
      'my shop is near the bus stop',
      'bus stop ke paas meri dukaan hai',
      'stop sending me offers about loans i do not need',
      'I need help with a loan for my shop',
      'menu card printing ka kaam',
      'theek hai',
      'ok',
      'tamil mein baat karo',
      '',
    ]) {
      expect(matchCommand(text), text).toBeUndefined();
    }
  });
});

describe('matchYesNo', () => {
  it('reads yes in every script and romanized', () => {
    for (const text of [
      'haan',
      'ha',
      'ji',
      'हाँ',
      'हां',
      'হ্যাঁ',
      'হয়',
      'ஆம்',
      'ama',
      'avunu',
      'ಹೌದು',
      'ହଁ',
      'അതെ',
      'ਹਾਂ',
      'હા',
      'جی ہاں',
      'ok',
      'OK!!',
      '👍',
      '👍🏽',
      'sahi hai',
      'theek hai',
      'Yesss',
      'haan ji bilkul',
      'ji haan',
    ]) {
      expect(matchYesNo(text), text).toBe('yes');
    }
  });

  it('reads "it is there" answers to "do you have …?" as yes, with or without a yes word', () => {
    for (const text of [
      'Yes I have it',
      'হ্যাঁ আছে',
      'আছে',
      'ha ache',
      'हो आहे',
      'ho barobar aahe',
      'అవును ఉంది',
      'అవును సరిగ్గా ఉంది',
      'ஆமா இருக்கு',
      'aamam irukku',
      'હા છે',
      'ha barabar che',
      'جی ہاں ہے',
      'ಹೌದು ಇದೆ',
      'howdu',
      'howdu sari',
      'ହଁ ଅଛି',
      'ഉണ്ട്',
      'ശരി ആണ്',
      'athe sheriyanu',
      'haan GST hai',
      'yes we have gst',
      'हाँ बना हुआ है',
    ]) {
      expect(matchYesNo(text), text).toBe('yes');
    }
  });

  it('reads "it is not there" answers as no, even with the verb "is"', () => {
    for (const text of [
      'No, not registered',
      'na nei',
      'নেই',
      'nahi aahe',
      'नाही आहे',
      'nahi hai',
      'I dont have',
      'no we dont',
      'nahi hai abhi',
      'nahi bana',
    ]) {
      expect(matchYesNo(text), text).toBe('no');
    }
  });

  it('reads no in every script and romanized', () => {
    for (const text of [
      'nahi',
      'na',
      'नहीं',
      'இல்லை',
      'illa',
      'ledu',
      'ಇಲ್ಲ',
      'না',
      'ନା',
      'ഇല്ല',
      'ਨਹੀਂ',
      'ના',
      'نہیں',
      '👎',
      'galat',
      'nooo',
      'no thanks',
      'nahi ji',
    ]) {
      expect(matchYesNo(text), text).toBe('no');
    }
  });

  it('stays silent on mixed or unrelated answers', () => {
    for (const text of [
      'haan nahi',
      'yes no',
      'not interested',
      'kirana',
      'pata nahi',
      'mujhe loan chahiye',
    ]) {
      expect(matchYesNo(text), text).toBeUndefined();
    }
  });
});

describe('matchFeedback', () => {
  it('reads like, dislike, not for me, interested and why', () => {
    const cases: [string, string][] = [
      ['like', 'like'],
      ['👍', 'like'],
      ['pasand aaya', 'like'],
      ['bahut accha', 'like'],
      ['బాగుంది', 'like'],
      ['dislike', 'dislike'],
      ['बेकार', 'dislike'],
      ['pasand nahi', 'dislike'],
      ['👎', 'dislike'],
      ['not for me', 'not_for_me'],
      ['mere kaam ka nahi', 'not_for_me'],
      ['not interested', 'not_for_me'],
      ['interested', 'interested'],
      ['intrested', 'interested'],
      ['mujhe chahiye', 'interested'],
      ['ஆர்வம் உள்ளது', 'interested'],
      ['why this?', 'why'],
      ['kyon', 'why'],
      ['ye kyon?', 'why'],
      ['কেন', 'why'],
      ['ಯಾಕೆ', 'why'],
    ];
    for (const [text, feedback] of cases) expect(matchFeedback(text), text).toBe(feedback);
  });

  it('ignores sentences that only contain a feedback word', () => {
    expect(matchFeedback('I would like a loan for my shop')).toBeUndefined();
  });
});

describe('matchNone', () => {
  it('reads "nobody" and "only me" answers', () => {
    for (const text of [
      'koi nahi',
      'कोई नहीं',
      'none',
      'nobody',
      'sirf main',
      'akela',
      'யாரும் இல்லை',
      'just me',
    ]) {
      expect(matchNone(text), text).toBe(true);
    }
    expect(matchNone('5')).toBe(false);
    expect(matchNone('do log')).toBe(false);
  });
});

describe('matchLanguageRequest', () => {
  it('reads requests and bare language names in every script', () => {
    const cases: [string, Lang][] = [
      ['Tamil mein baat karo', 'ta'],
      ['talk in english', 'en'],
      ['हिंदी में बोलो', 'hi'],
      ['বাংলায় বলো', 'bn'],
      ['switch to marathi', 'mr'],
      ['tamil', 'ta'],
      ['தமிழ்', 'ta'],
      ['Hindi!', 'hi'],
      ['english please', 'en'],
      ['can you speak hindi', 'hi'],
      ['thamizh', 'ta'],
      ['ଓଡ଼ିଆ', 'or'],
      ['ਪੰਜਾਬੀ', 'pa'],
      ['اردو', 'ur'],
      ['তামিল', 'ta'],
      ['तमिल', 'ta'],
      ['mujhe tamil nahi aati english mein baat karo', 'en'],
    ];
    for (const [text, lang] of cases) expect(matchLanguageRequest(text), text).toBe(lang);
  });

  it('ignores messages that only mention a language in passing', () => {
    for (const text of [
      'ok',
      'hello',
      'language change',
      'hindi nahi aati',
      'I am from Tamil Nadu',
      'my shop sells tamil books',
      'english medium school',
      'main hindu hoon',
      'no english',
      '',
    ]) {
      expect(matchLanguageRequest(text), text).toBeUndefined();
    }
  });
});

describe('matchBusinessKind', () => {
  it('finds the business in free sentences', () => {
    const cases: [string, string][] = [
      ['kirana ki dukaan', 'kirana'],
      ['kirane ki dukan', 'kirana'],
      ['auto repair garage', 'auto_repair'],
      ['mobile repair ki dukan', 'mobile_repair'],
      ['mobile ki dukan', 'mobile_shop'],
      ['kapde silti hoon', 'tailor'],
      ['kapde ki dukaan', 'clothing_shop'],
      ['readymade kapde banate hain', 'garment_manufacturing'],
      ['sabzi ka thela', 'street_vendor'],
      ['main auto chalata hoon', 'transport_taxi'],
      ['chai ki tapri', 'tea_stall'],
      ['machhli pakadne ka jaal banata hoon', 'fishing_net_maker'],
      ['tailer', 'tailor'],
      ['darjee', 'tailor'],
      ['டீக்கடையில் வேலை', 'tea_stall'],
      ['ಟೀ ಅಂಗಡಿಯಲ್ಲಿ', 'tea_stall'],
      ['beauty parlor chalati hu', 'beauty_parlour'],
      ['हमारी आटा चक्की है', 'flour_mill'],
      ['poultry farm hai', 'poultry'],
      ['papad aur achar banate hain', 'papad_pickle_making'],
    ];
    for (const [text, kind] of cases) expect(matchBusinessKind(text)?.id, text).toBe(kind);
  });

  it('returns sector and sub-sector with a confidence score', () => {
    expect(matchBusinessKind('kirana ki dukaan')).toEqual({
      id: 'kirana',
      sector: 'trade',
      subSector: 'retail_grocery',
      score: 1,
    });
    const typo = matchBusinessKind('tailer');
    expect(typo?.score).toBeGreaterThan(0);
    expect(typo?.score).toBeLessThan(1);
  });

  it('finds nothing in greetings, names and unrelated text', () => {
    for (const text of [
      'hello',
      'namaste',
      'Rajesh Kumar',
      'my name is Kiran',
      'pan card',
      'bus stop',
      '12345',
      '',
    ]) {
      expect(matchBusinessKind(text), text).toBeUndefined();
    }
  });

  it('maps every name, synonym and id of every kind back to that kind', () => {
    for (const kind of listBusinessKinds()) {
      expect(matchBusinessKind(kind.id.replace(/_/g, ' '))?.id, kind.id).toBe(kind.id);
      for (const lang of LANGS) {
        expect(matchBusinessKind(kind.names[lang] ?? '')?.id, `${kind.id} name ${lang}`).toBe(kind.id);
        for (const synonym of kind.synonyms[lang] ?? [])
          expect(matchBusinessKind(synonym)?.id, `${kind.id} ${lang} "${synonym}"`).toBe(kind.id);
      }
    }
  });

  it('is fast: 20,000 calls well within two seconds', () => {
    const texts = [
      'kirana ki dukaan',
      'मैं सिलाई का काम करती हूँ',
      'I run a tea stall',
      'ami ekta mishtir dokan chalai',
      'namaste mujhe dukaan ke liye loan chahiye',
      'ഞാൻ ഒരു ചായക്കട നടത്തുന്നു',
      'my shop is near the bus stop',
    ];
    const start = performance.now();
    for (let i = 0; i < 20_000; i++) matchBusinessKind(texts[i % texts.length] ?? '');
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('business kinds', () => {
  it('has at least 50 kinds, the required ids, and names in all 12 languages', () => {
    const kinds = listBusinessKinds();
    expect(kinds.length).toBeGreaterThanOrEqual(50);
    for (const id of [
      'kirana',
      'street_vendor',
      'tailor',
      'armourer',
      'flour_mill',
      'welding_fabrication',
      'dairy',
    ]) {
      expect(getBusinessKind(id), id).toBeDefined();
    }
    for (const kind of kinds)
      for (const lang of LANGS) expect(kind.names[lang], `${kind.id} ${lang}`).toBeTruthy();
  });

  it('names a kind in the owner language, falling back to the id', () => {
    expect(businessKindName('kirana', 'hi')).toBe('किराना दुकान');
    expect(businessKindName('tea_stall', 'ta')).toBe('டீக்கடை');
    expect(businessKindName('no_such_kind', 'hi')).toBe('no_such_kind');
  });
});

describe('normalizeText', () => {
  it('lower-cases, drops punctuation and unknown emoji, keeps meaningful ones', () => {
    expect(normalizeText('  Hello!!  👍🏽 How are you?? 🎉 ')).toBe('hello 👍 how are you');
    expect(normalizeText('don’t')).toBe('dont');
    expect(normalizeText('₹2.5 lakh')).toBe('₹ 2.5 lakh');
  });

  it('merges nukta, zero-width and chillu variants', () => {
    expect(normalizeText('ज़रूर')).toBe(normalizeText('जरूर'));
    expect(normalizeText('बढ़ई')).toBe(normalizeText('बढ़ई'.normalize('NFD')));
    expect(normalizeText('ಹಾರ್ಡ್\u200cವೇರ್')).toBe('ಹಾರ್ಡ್ವೇರ್');
    expect(normalizeText('ഞാൻ')).toBe(normalizeText('ഞാന്\u200d'));
    expect(normalizeText('१२३')).toBe('123');
  });

  it('gives spelling variants one fuzzy key', () => {
    expect(fuzzyKey('dukaan')).toBe(fuzzyKey('dukan'));
    expect(fuzzyKey('theek')).toBe(fuzzyKey('thik'));
    expect(fuzzyKey('sabzi')).toBe(fuzzyKey('sabji'));
    expect(fuzzyKey('chhodo')).toBe(fuzzyKey('chodo'));
    expect(fuzzyKey('phool')).toBe(fuzzyKey('ful'));
    expect(fuzzyKey('हिन्दी')).toBe(fuzzyKey('हिंदी'));
    expect(fuzzyKey('दूकान')).toBe(fuzzyKey('दुकान'));
  });
});

describe('lexicon validation', () => {
  const read = (file: string): unknown =>
    JSON.parse(readFileSync(new URL(`../../content/${file}`, import.meta.url), 'utf8'));
  interface RawKind {
    id: string;
    names: Record<string, string>;
    synonyms: Record<string, string[]>;
  }
  interface RawLexicon {
    commands: Record<string, Record<string, string[]>>;
  }

  it('finds no problems in the shipped content', () => {
    expect(validateLexicon()).toEqual([]);
  });

  it('reports duplicate ids, missing names, empty lists, shared synonyms and commands without words', () => {
    const kinds = read('business-kinds.json') as RawKind[];
    const lexicon = read('lexicon.json') as RawLexicon;
    const [first, second] = kinds;
    if (!first || !second) throw new Error('need two kinds');
    kinds.push({ ...first });
    delete second.names.ta;
    second.synonyms.bn = [];
    second.synonyms.hi = [...(second.synonyms.hi ?? []), 'kirana'];
    const menu = lexicon.commands.menu;
    if (menu) menu.or = [];
    const problems = checkUnderstandingData(kinds, lexicon).join('\n');
    expect(problems).toContain(`business kind ${first.id}: duplicate id`);
    expect(problems).toContain(`business kind ${second.id} (ta): no name`);
    expect(problems).toContain(`business kind ${second.id} (bn): no synonyms`);
    expect(problems).toContain(`synonym "kirana" is also a synonym of kirana`);
    expect(problems).toContain('command menu: no words in or');
  });

  it('reports malformed files by path', () => {
    const problems = checkUnderstandingData([{ id: 'x', sector: 'farming' }], {});
    expect(problems.some((p) => p.startsWith('business-kinds.json: 0.sector'))).toBe(true);
    expect(problems.some((p) => p.startsWith('lexicon.json: commands'))).toBe(true);
  });
});

describe('robustness', () => {
  const words = [
    'stop',
    'haan',
    'nahi',
    'tamil',
    'mein',
    'kirana',
    'dukan',
    'ki',
    '👍',
    'தமிழ்',
    'ਨਹੀਂ',
    'بند',
    'please',
  ];
  const arbitraryText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.array(fc.constantFrom(...words), { maxLength: 30 }).map((list) => list.join(' ')),
  );

  it('no matcher throws on arbitrary strings', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => {
        normalizeText(text);
        fuzzyKey(text);
        matchCommand(text);
        matchYesNo(text);
        matchFeedback(text);
        matchNone(text);
        matchLanguageRequest(text);
        const kind = matchBusinessKind(text);
        if (kind) {
          expect(kind.score).toBeGreaterThan(0);
          expect(kind.score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('normalizeText is idempotent', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => normalizeText(normalizeText(text)) === normalizeText(text)),
      { numRuns: 300 },
    );
  });
});

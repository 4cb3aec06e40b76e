// Unit tests for the offline language detector, on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { detectLanguage, scoreLanguages } from '../../src/language/detect/index.js';

describe('native script', () => {
  const cases: Array<[string, string]> = [
    ['मुझे अपनी दुकान के लिए लोन चाहिए', 'hi'],
    ['मला माझ्या दुकानासाठी कर्ज हवं आहे', 'mr'],
    ['আমার দোকানের জন্য টাকা দরকার', 'bn'],
    ['నాకు షాప్ కోసం డబ్బులు కావాలి', 'te'],
    ['எனக்கு கடைக்கு பணம் வேண்டும்', 'ta'],
    ['મારે દુકાન માટે પૈસા જોઈએ છે', 'gu'],
    ['مجھے دکان کے لیے پیسے چاہئیں', 'ur'],
    ['ನನಗೆ ಅಂಗಡಿಗೆ ದುಡ್ಡು ಬೇಕು', 'kn'],
    ['ମୋତେ ଦୋକାନ ପାଇଁ ଟଙ୍କା ଦରକାର', 'or'],
    ['എനിക്ക് കടയ്ക്ക് പൈസ വേണം', 'ml'],
    ['ਮੈਨੂੰ ਦੁਕਾਨ ਲਈ ਪੈਸੇ ਚਾਹੀਦੇ ਹਨ', 'pa'],
  ];
  it.each(cases)('%s -> %s', (text, lang) => {
    const d = detectLanguage(text);
    expect(d.lang).toBe(lang);
    expect(d.script).toBe('native');
    expect(d.confidence).toBeGreaterThan(0.6);
  });

  it('tells Hindi from Marathi in everyday sentences', () => {
    expect(detectLanguage('आज शाम को बाज़ार जाना है, तुम भी चलोगे?').lang).toBe('hi');
    expect(detectLanguage('आज संध्याकाळी बाजारात जायचं आहे, तू पण येशील का?').lang).toBe('mr');
    expect(detectLanguage('हमारी बिक्री इस महीने कम हो गई है').lang).toBe('hi');
    expect(detectLanguage('आमची विक्री या महिन्यात कमी झाली आहे').lang).toBe('mr');
  });

  it('uses the native script when English words are mixed in', () => {
    expect(detectLanguage('मुझे business loan चाहिए').lang).toBe('hi');
    expect(detectLanguage('என் shop க்கு loan வேண்டும்').lang).toBe('ta');
  });
});

describe('romanized', () => {
  const cases: Array<[string, string]> = [
    ['mujhe apni dukaan ke liye paise chahiye', 'hi'],
    ['bhai kal shaam ko milte hain, tum aa rahe ho na', 'hi'],
    ['enakku kadaikku konjam panam venum', 'ta'],
    ['ami ekta choto dokan chalai, taka dorkar', 'bn'],
    ['naaku shop kosam dabbulu kavali', 'te'],
    ['mane dukan mate paisa joie che', 'gu'],
    ['mainu dukan layi paise chahide ne', 'pa'],
    ['mote dokan pain tanka darkar', 'or'],
    ['nanage angadige duddu beku', 'kn'],
    ['enikku kadakku paisa venam', 'ml'],
    ['mala dukanasathi paise pahije ahet', 'mr'],
    ['ap kesy hain, mujhy ap sy zaroori baat karni hy', 'ur'],
    ['I need a loan to buy a new machine for my shop', 'en'],
  ];
  it.each(cases)('%s -> %s', (text, lang) => {
    const d = detectLanguage(text);
    expect(d.lang).toBe(lang);
    expect(d.script).toBe('latn');
  });

  it('handles code-mixed Hinglish and Tanglish', () => {
    expect(detectLanguage('yaar ye movie ka climax toh next level tha').lang).toBe('hi');
    expect(detectLanguage('padam semma mass ah irukku, waiting for release').lang).toBe('ta');
  });

  it('tells comment-style Kannada, Tamil and Malayalam apart', () => {
    expect(detectLanguage('guru ee haadu thumba chennagide, dina kelthini').lang).toBe('kn');
    expect(detectLanguage('intha padam enakku romba pudichirukku machan').lang).toBe('ta');
    expect(detectLanguage('ee padam enikku valare ishtapettu chetta').lang).toBe('ml');
  });

  it('tells Roman Urdu from Hinglish and recognises romanized Punjabi and Telugu', () => {
    expect(detectLanguage('yar mujhy is bat ka bilkul nahi pata tha, shukriya').lang).toBe('ur');
    expect(detectLanguage('mujhe kal shaam 7 baje ka reminder laga do').lang).toBe('hi');
    expect(detectLanguage('veere tusi kal kithe si, main wait karda reha').lang).toBe('pa');
    expect(detectLanguage('meeru repu ekkadiki veltunnaru andi').lang).toBe('te');
  });
});

describe('romanized messages not in the training data', () => {
  // Written for this test only (never added to training/data), one or more per language incl. bn, te, gu, pa, or.
  const cases: Array<[string, string]> = [
    ['tumi kemon acho? ami bhalo achi', 'bn'],
    ['amar dokane aj onek bikri holo', 'bn'],
    ['dada ektu help korben', 'bn'],
    ['amar loan er jonno ki ki kagoj lagbe', 'bn'],
    ['ami kal theke dokan khulbo', 'bn'],
    ['onek dhonnobad apnake', 'bn'],
    ['nenu baagunnanu, meeru ela unnaru', 'te'],
    ['naaku ardham kaaledu, malli cheppandi', 'te'],
    ['loan kosam emi documents kaavali', 'te'],
    ['repu maa intiki bhojanam ki randi', 'te'],
    ['hu saru chu, tame kem cho', 'gu'],
    ['mane samjanu nahi, fari thi kaho', 'gu'],
    ['loan mate kaya kagal joie', 'gu'],
    ['bhai tame bahu saras kam karyu', 'gu'],
    ['main theek haan ji, tusi dasso', 'pa'],
    ['mainu samajh nahi aayi, dubara dasso', 'pa'],
    ['loan layi kihde kaagaz chahide', 'pa'],
    ['veere bahut vadhiya kamm kitta', 'pa'],
    ['mu bhala achhi, apana kemiti achhanti', 'or'],
    ['mu bujhi parili nahi, au thare kuhantu', 'or'],
    ['loan pain kana kagaja darkar', 'or'],
    ['jay jagannath sabu ku', 'or'],
    ['boss movie sakkath agide, first day first show nodtini', 'kn'],
    ['yaake heege maadtira guru, swalpa yochne maadi', 'kn'],
    ['thalaivar padam na first day first show thaan, semma waiting', 'ta'],
    ['intha song kekum pothu romba feel aaguthu', 'ta'],
    ['lalettan padam kandu, kidilan aayittund', 'ml'],
    ['ee paattu kelkkumbol oru vallatha feel aanu', 'ml'],
    ['yar aaj light nahi hy subha sy, bohat garmi hy', 'ur'],
    ['Allah ka shukar hy, sab khairiyat sy pohanch gaye', 'ur'],
    ['bhai kal ka match dekha kya, kohli ne kamaal kar diya', 'hi'],
    ['kripya apna aadhar number bataiye', 'hi'],
    ['Can you send me the list of documents I need?', 'en'],
  ];
  it.each(cases)('%s -> %s', (text, lang) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });
});

describe('short and non-language messages', () => {
  it.each(['1', '👍', '560034', '?', '   ', '₹5000'])('%j is unknown with zero confidence', (text) => {
    const d = detectLanguage(text);
    expect(d.lang).toBe('unknown');
    expect(d.confidence).toBe(0);
  });

  it.each(['ok', 'haan', 'hi', 'Ramesh', 'thx'])('%j has low confidence', (text) => {
    expect(detectLanguage(text).confidence).toBeLessThan(0.5);
  });

  it('is more confident on a full sentence than on one word', () => {
    expect(detectLanguage('mujhe dukaan ke liye loan chahiye').confidence).toBeGreaterThan(
      detectLanguage('loan').confidence,
    );
  });
});

describe('rejection', () => {
  it.each([
    'hola, necesito un préstamo para mi tienda por favor',
    'selamat pagi, saya mau pinjam uang untuk usaha saya',
    'Guten Morgen, ich brauche einen Kredit für mein Geschäft',
    'xqzvw plkjh trnbv wqzx',
    'Привет, как дела?',
    'こんにちは、元気ですか',
  ])('%j is unknown', (text) => {
    expect(detectLanguage(text).lang).toBe('unknown');
  });
});

describe('scoreLanguages', () => {
  it('ranks candidates best first with scores summing to about 1', () => {
    const ranked = scoreLanguages('mujhe loan chahiye');
    expect(ranked[0]?.lang).toBe('hi');
    const total = ranked.reduce((s, r) => s + r.score, 0);
    expect(total).toBeCloseTo(1, 3);
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(ranked[i]?.score ?? 0);
  });
});

describe('handles and links', () => {
  it('ignores @handles and links, which name people and pages rather than a language', () => {
    for (const text of ['mujhe apni dukaan ke liye loan chahiye', 'நான் ஒரு மளிகை கடை வைத்திருக்கிறேன்']) {
      const plain = detectLanguage(text);
      expect(detectLanguage(`@someone_123 ${text} https://example.com/x`)).toEqual(plain);
    }
    expect(detectLanguage('@USER').lang).toBe('unknown');
  });
});

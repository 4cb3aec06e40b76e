// Unit tests for the number readers: digits, amounts, counts and years in the twelve languages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_AMOUNT,
  MAX_COUNT,
  MAX_YEARS,
  normalizeDigits,
  parseAmount,
  parseCount,
  parseYears,
} from '../../src/language/numbers.js';
import { lexiconConflicts } from '../../src/language/numbers/lexicon.js';

const NOW = new Date('2025-06-15T10:00:00+05:30');

describe('normalizeDigits', () => {
  it.each([
    ['Devanagari', '०१२३४५६७८९'],
    ['Bengali', '০১২৩৪৫৬৭৮৯'],
    ['Gurmukhi', '੦੧੨੩੪੫੬੭੮੯'],
    ['Gujarati', '૦૧૨૩૪૫૬૭૮૯'],
    ['Odia', '୦୧୨୩୪୫୬୭୮୯'],
    ['Tamil', '௦௧௨௩௪௫௬௭௮௯'],
    ['Telugu', '౦౧౨౩౪౫౬౭౮౯'],
    ['Kannada', '೦೧೨೩೪೫೬೭೮೯'],
    ['Malayalam', '൦൧൨൩൪൫൬൭൮൯'],
    ['Arabic-Indic', '٠١٢٣٤٥٦٧٨٩'],
    ['Extended Arabic-Indic (Urdu)', '۰۱۲۳۴۵۶۷۸۹'],
  ])('%s digits become ASCII', (_script, digits) => {
    expect(normalizeDigits(digits)).toBe('0123456789');
  });

  it('leaves everything else alone', () => {
    expect(normalizeDigits('₹ २,५०,००० लाख abc 12')).toBe('₹ 2,50,000 लाख abc 12');
    expect(normalizeDigits('')).toBe('');
    expect(normalizeDigits('पाँच')).toBe('पाँच');
  });
});

describe('parseAmount', () => {
  it.each<[string, number]>([
    // digits, separators, currency
    ['2.5 lakh', 250_000],
    ['2.5L', 250_000],
    ['2.5 L', 250_000],
    ['2,50,000', 250_000],
    ['250000', 250_000],
    ['2,500,000', 2_500_000],
    ['₹ 50,000', 50_000],
    ['₹50000', 50_000],
    ['Rs.50000', 50_000],
    ['Rs 50,000/-', 50_000],
    ['INR 75000', 75_000],
    ['50000 rupees', 50_000],
    ['50k', 50_000],
    ['50 K', 50_000],
    ['1.5k', 1500],
    ['₹1.2Cr', 12_000_000],
    ['2 crore', 20_000_000],
    ['12 LPA', 1_200_000],
    ['25 lacs', 2_500_000],
    ['1,00,000.50', 100_000.5],
    ['0', 0],
    // romanized Hindi / Hinglish
    ['50 hazaar', 50_000],
    ['50 hajar', 50_000],
    ['50 hazar', 50_000],
    ['do lakh', 200_000],
    ['teen lakh', 300_000],
    ['panch hazaar', 5000],
    ['dedh lakh', 150_000],
    ['dhai lakh', 250_000],
    ['sava lakh', 125_000],
    ['sava do lakh', 225_000],
    ['paune do lakh', 175_000],
    ['paune lakh', 75_000],
    ['saadhe teen lakh', 350_000],
    ['sadhe 3 lakh', 350_000],
    ['ek lakh bees hazaar', 120_000],
    ['1 lakh 20 hazaar', 120_000],
    ['das hazaar rupaye', 10_000],
    ['pachas hazaar', 50_000],
    ['ek crore', 10_000_000],
    ['2.5 lakh mahina', 250_000],
    ['mahine ka 2 lakh', 200_000],
    ['6 saal se 2 lakh mahina', 200_000],
    ['lagbhag 3 lakh ka maal bikta hai', 300_000],
    ['sava sau', 125],
    ['lakh', 100_000],
    // English words
    ['twenty five thousand', 25_000],
    ['fifty thousand rupees', 50_000],
    ['one and a half lakh', 150_000],
    ['two lakh and fifty thousand', 250_000],
    ['a lakh', 100_000],
    ['three crore', 30_000_000],
    // ranges → midpoint
    ['2-3 lakh', 250_000],
    ['2 - 3 lakh', 250_000],
    ['2 se 3 lakh', 250_000],
    ['do se teen lakh', 250_000],
    ['2 to 3 lakh', 250_000],
    ['5 ya 6 hazaar', 5500],
    ['50,000 - 1 lakh', 75_000],
    ['50k-60k', 55_000],
    ['10-15 hazaar', 12_500],
    ['2018 se 5 lakh', 500_000],
  ])('romanized / English: %s → %d', (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it.each<[string, string, number]>([
    ['hi', 'डेढ़ लाख', 150_000],
    ['bn', 'der lakh', 150_000],
    ['bn', 'mase der lakh taka', 150_000],
    ['mr', 'didh lakh', 150_000],
    ['ml', 'onnara lakham', 150_000],
    ['kn', 'ದೇಢ ಲಕ್ಷ', 150_000],
    ['hi', 'डेढ लाख', 150_000],
    ['hi', 'ढाई लाख', 250_000],
    ['hi', 'सवा लाख', 125_000],
    ['hi', 'पौने दो लाख', 175_000],
    ['hi', 'साढ़े तीन लाख', 350_000],
    ['hi', 'दो लाख', 200_000],
    ['hi', 'पाँच हज़ार', 5000],
    ['hi', 'पांच हजार', 5000],
    ['hi', 'पचास हज़ार रुपये', 50_000],
    ['hi', '२.५ लाख', 250_000],
    ['hi', '₹ २,५०,००० महीना', 250_000],
    ['hi', 'एक करोड़', 10_000_000],
    ['hi', 'पाँच सौ रुपए', 500],
    ['hi', 'बीस हज़ार', 20_000],
    ['hi', 'एक लाख बीस हज़ार', 120_000],
    ['mr', 'दोन लाख', 200_000],
    ['mr', 'अडीच लाख', 250_000],
    ['mr', 'दीड लाख', 150_000],
    ['mr', 'साडे तीन लाख', 350_000],
    ['mr', 'पन्नास हजार', 50_000],
    ['mr', 'दोन कोटी', 20_000_000],
    ['mr', 'दहा हजार रुपये', 10_000],
    ['bn', 'দেড় লাখ', 150_000],
    ['bn', 'আড়াই লাখ', 250_000],
    ['bn', 'সাড়ে তিন লাখ', 350_000],
    ['bn', 'দুই লাখ টাকা', 200_000],
    ['bn', 'পঞ্চাশ হাজার', 50_000],
    ['bn', '৫০ হাজার', 50_000],
    ['bn', 'এক কোটি', 10_000_000],
    ['bn', 'পাঁচ লক্ষ', 500_000],
    ['bn', 'দশ হাজার টাকা', 10_000],
    ['gu', 'બે લાખ', 200_000],
    ['gu', 'દોઢ લાખ', 150_000],
    ['gu', 'અઢી લાખ', 250_000],
    ['gu', 'પચાસ હજાર', 50_000],
    ['gu', '૫ લાખ રૂપિયા', 500_000],
    ['gu', 'એક કરોડ', 10_000_000],
    ['pa', 'ਦੋ ਲੱਖ', 200_000],
    ['pa', 'ਦੋ ਲਖ', 200_000],
    ['pa', 'ਡੇਢ ਲੱਖ', 150_000],
    ['pa', 'ਢਾਈ ਲੱਖ', 250_000],
    ['pa', 'ਪੰਜਾਹ ਹਜ਼ਾਰ', 50_000],
    ['pa', 'ਇੱਕ ਕਰੋੜ', 10_000_000],
    ['ur', 'دو لاکھ', 200_000],
    ['ur', 'ڈیڑھ لاکھ', 150_000],
    ['ur', 'ڈھائی لاکھ', 250_000],
    ['ur', 'پچاس ہزار', 50_000],
    ['ur', '۲۵۰۰۰ روپے', 25_000],
    ['ur', 'ایک لاکھ پچاس ہزار', 150_000],
    ['ur', 'ایک کروڑ', 10_000_000],
    ['ta', 'ஐந்து லட்சம்', 500_000],
    ['ta', '5 லட்சம்', 500_000],
    ['ta', '5 laksham', 500_000],
    ['ta', 'ஒன்றரை லட்சம்', 150_000],
    ['ta', 'பத்தாயிரம் ரூபாய்', 10_000],
    ['ta', 'ஐம்பதாயிரம்', 50_000],
    ['ta', 'ஐந்து ஆயிரம்', 5000],
    ['ta', '5 லட்சத்துக்கு', 500_000],
    ['ta', 'மூன்று கோடி', 30_000_000],
    ['ta', 'rendu latcham', 200_000],
    ['te', 'రెండు లక్షలు', 200_000],
    ['te', 'ఒక లక్ష', 100_000],
    ['te', 'ఐదు వేలు', 5000],
    ['te', '5 వేలు', 5000],
    ['te', 'ఒకటిన్నర లక్షలు', 150_000],
    ['te', 'రెండు కోట్లు', 20_000_000],
    ['te', 'aidu lakshalu', 500_000],
    ['kn', 'ಎರಡು ಲಕ್ಷ', 200_000],
    ['kn', 'ಐದು ಸಾವಿರ', 5000],
    ['kn', 'ಒಂದೂವರೆ ಲಕ್ಷ', 150_000],
    ['kn', 'ಒಂದು ಕೋಟಿ', 10_000_000],
    ['kn', 'hattu saavira', 10_000],
    ['ml', 'രണ്ട് ലക്ഷം', 200_000],
    ['ml', 'ഒന്നര ലക്ഷം', 150_000],
    ['ml', 'പതിനായിരം രൂപ', 10_000],
    ['ml', 'അഞ്ച് ആയിരം', 5000],
    ['ml', 'ഒരു കോടി', 10_000_000],
    ['ml', 'ലക്ഷത്തിന്', 100_000],
    ['ml', 'randu laksham', 200_000],
    ['or', 'ଦୁଇ ଲକ୍ଷ', 200_000],
    ['or', 'ଦେଢ଼ ଲକ୍ଷ', 150_000],
    ['or', 'ପାଞ୍ଚ ହଜାର', 5000],
    ['or', '୫ ହଜାର ଟଙ୍କା', 5000],
    ['or', 'ଏକ କୋଟି', 10_000_000],
  ])('%s: %s → %d', (_lang, text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'hello',
    'pata nahi',
    'मालूम नहीं',
    'do', // a bare romanized number word is too ambiguous
    'पाँच', // so is a bare native one: amounts need digits, a multiplier or a rupee word
    '5 saal',
    '6 mahine',
    '10%',
    '5 log',
    'k',
    'L',
    '-',
    '₹',
    'Rs.',
    '99999999999999999999', // longer than any amount
    '9876543210', // a mobile number
  ])('no amount in %j', (text) => {
    expect(parseAmount(text)).toBeUndefined();
  });

  it('never returns a negative amount and refuses absurd ones', () => {
    expect(parseAmount('-5000')).toBe(5000);
    expect(parseAmount('minus 2 lakh')).toBe(200_000);
    expect(parseAmount('20000 crore')).toBeUndefined();
    expect(parseAmount('1 lakh crore crore')).toBeUndefined();
    expect(parseAmount('10000 crore')).toBe(MAX_AMOUNT);
  });

  it('reads a 10,000-character message quickly', () => {
    const long = 'mera business 2.5 lakh mahina '.repeat(340).slice(0, 10_000);
    const noise = 'ab१२ ₹-/ lakh sava .,'.repeat(500);
    const start = performance.now();
    expect(parseAmount(long)).toBe(250_000);
    parseAmount(noise);
    parseAmount('9'.repeat(10_000));
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('has no spelling with two meanings in its word lists', () => {
    expect(lexiconConflicts()).toEqual([]);
  });
});

describe('number words 1–10, 20, 50, 100 in every language', () => {
  const VALUES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 50, 100];
  const WORDS: Record<string, [string, string]> = {
    en: ['one two three four five six seven eight nine ten twenty fifty hundred', 'thousand'],
    'hi-Latn': ['ek do teen char paanch chhe saat aath nau das bees pachas sau', 'hazaar'],
    hi: ['एक दो तीन चार पाँच छह सात आठ नौ दस बीस पचास सौ', 'हज़ार'],
    mr: ['एक दोन तीन चार पाच सहा सात आठ नऊ दहा वीस पन्नास शंभर', 'हजार'],
    bn: ['এক দুই তিন চার পাঁচ ছয় সাত আট নয় দশ বিশ পঞ্চাশ একশো', 'হাজার'],
    gu: ['એક બે ત્રણ ચાર પાંચ છ સાત આઠ નવ દસ વીસ પચાસ સો', 'હજાર'],
    pa: ['ਇੱਕ ਦੋ ਤਿੰਨ ਚਾਰ ਪੰਜ ਛੇ ਸੱਤ ਅੱਠ ਨੌਂ ਦਸ ਵੀਹ ਪੰਜਾਹ ਸੌ', 'ਹਜ਼ਾਰ'],
    ur: ['ایک دو تین چار پانچ چھ سات آٹھ نو دس بیس پچاس سو', 'ہزار'],
    ta: ['ஒன்று இரண்டு மூன்று நான்கு ஐந்து ஆறு ஏழு எட்டு ஒன்பது பத்து இருபது ஐம்பது நூறு', 'ஆயிரம்'],
    te: ['ఒకటి రెండు మూడు నాలుగు ఐదు ఆరు ఏడు ఎనిమిది తొమ్మిది పది ఇరవై యాభై వంద', 'వేలు'],
    kn: ['ಒಂದು ಎರಡು ಮೂರು ನಾಲ್ಕು ಐದು ಆರು ಏಳು ಎಂಟು ಒಂಬತ್ತು ಹತ್ತು ಇಪ್ಪತ್ತು ಐವತ್ತು ನೂರು', 'ಸಾವಿರ'],
    ml: ['ഒന്ന് രണ്ട് മൂന്ന് നാല് അഞ്ച് ആറ് ഏഴ് എട്ട് ഒമ്പത് പത്ത് ഇരുപത് അമ്പത് നൂറ്', 'ആയിരം'],
    or: ['ଏକ ଦୁଇ ତିନି ଚାରି ପାଞ୍ଚ ଛଅ ସାତ ଆଠ ନଅ ଦଶ କୋଡ଼ିଏ ପଚାଶ ଶହେ', 'ହଜାର'],
  };
  const cases = Object.entries(WORDS).flatMap(([lang, [list, thousand]]) =>
    list.split(' ').map((word, i) => [lang, word, thousand, VALUES[i] ?? Number.NaN] as const),
  );

  it.each(cases)('%s: %s', (_lang, word, thousand, value) => {
    expect(parseAmount(`${word} ${thousand}`)).toBe(value * 1000);
    expect(parseCount(word)).toBe(value);
  });
});

describe('parseCount', () => {
  it.each<[string, number]>([
    ['5', 5],
    ['05', 5],
    ['5 workers', 5],
    ['5 log', 5],
    ['panch log', 5],
    ['paanch', 5],
    ['do', 2],
    ['do log', 2],
    ['teen karigar', 3],
    ['das', 10],
    ['twenty', 20],
    ['2-3', 3],
    ['10+', 10],
    ['6 saal se 4 log kaam karte hain', 4],
    ['3 karigar aur 2 helper', 3],
    ['koi nahi', 0],
    ['koi nhi', 0],
    ['none', 0],
    ['No one', 0],
    ['akela', 0],
    ['main akela hi kaam karta hoon', 0],
    ['sirf main', 0],
    ['ek bhi nahi', 0],
    ['only me', 0],
    ['nahi', 0],
    ['no', 0],
    ['0', 0],
    ['zero', 0],
    ['sirf main, 2 helper hain', 2],
    ['khud ka kaam hai, paanch log hain', 5],
    ['खुद का काम है, पाँच लोग हैं', 5],
    ['panch-saat log', 6],
    // native scripts
    ['पाँच', 5],
    ['पांच लोग', 5],
    ['५', 5],
    ['कोई नहीं', 0],
    ['अकेला', 0],
    ['सिर्फ मैं', 0],
    ['दहा कामगार', 10],
    ['कोणी नाही', 0],
    ['১০ জন', 10],
    ['পাঁচ জন', 5],
    ['কেউ নেই', 0],
    ['ત્રણ માણસ', 3],
    ['કોઈ નથી', 0],
    ['ਪੰਜ ਬੰਦੇ', 5],
    ['ਕੋਈ ਨਹੀਂ', 0],
    ['پانچ لوگ', 5],
    ['کوئی نہیں', 0],
    ['ஐந்து பேர்', 5],
    ['யாரும் இல்லை', 0],
    ['ఐదుగురు', 5],
    ['ఎవరూ లేరు', 0],
    ['ఇద్దరు', 2],
    ['ಇಬ್ಬರು', 2],
    ['ಐದು ಜನ', 5],
    ['ಯಾರೂ ಇಲ್ಲ', 0],
    ['അഞ്ച് ആളുകൾ', 5],
    ['ആരുമില്ല', 0],
    ['ପାଞ୍ଚ ଜଣ', 5],
    ['କେହି ନାହାଁନ୍ତି', 0],
    // people words glued to the number, and everyday words for workers
    ['दो लड़के काम करते हैं', 2],
    ['dujon', 2],
    ['দুজন', 2],
    ['তিনজন কাজ করে', 3],
    ['doghe', 2],
    ['दोघे आहेत', 2],
    ['iddaru', 2],
    ['mugguru pani chestaru', 3],
    ['ibbaru', 2],
    ['બે જણ', 2],
  ])('%s → %d', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });

  it.each(['', 'hello', 'I do not know what you mean by that', '1000000', '5 lakh rupaye', '6 saal'])(
    'no count in %j',
    (text) => {
      expect(parseCount(text)).toBeUndefined();
    },
  );

  it('accepts up to 100 000', () => {
    expect(parseCount('100000 workers')).toBe(MAX_COUNT);
    expect(parseCount('100001 workers')).toBeUndefined();
  });
});

describe('parseYears', () => {
  it.each<[string, number]>([
    ['6 saal se', 6],
    ['6 sal', 6],
    ['6 years', 6],
    ['6 yrs', 6],
    ['I started 10 years ago', 10],
    ['do saal', 2],
    ['dedh saal', 1],
    ['dhai saal se', 2],
    ['2-3 saal', 2],
    ['2 saal 6 mahine', 2],
    ['since 2018', 7],
    ['2018 se', 7],
    ['2018 mein shuru kiya', 7],
    ['from 2025', 0],
    ['2027 mein shuru karunga', 0],
    ['abhi shuru nahi kiya', 0],
    ['not started', 0],
    ['not started yet, maybe in 2 years', 0],
    ['new', 0],
    ['naya business hai', 0],
    ['6 mahine', 0],
    ['6 months', 0],
    ['18 months', 1],
    ['kuch mahine pehle', 0],
    ['pichle saal se', 1],
    ['last year', 1],
    ['6', 6],
    ['chhe', 6],
    // native scripts
    ['६ साल', 6],
    ['६ साल से', 6],
    ['छह साल से', 6],
    ['दस वर्ष', 10],
    ['२०१८ से', 7],
    ['अभी शुरू नहीं किया', 0],
    ['नया है', 0],
    ['छह महीने', 0],
    ['पिछले साल', 1],
    ['सात वर्षांपासून', 7],
    ['३ वर्षे', 3],
    ['৩ বছর', 3],
    ['১০ বছর ধরে', 10],
    ['২০১৮ থেকে', 7],
    ['এখনও শুরু করিনি', 0],
    ['৬ মাস', 0],
    ['7 વર્ષથી', 7],
    ['પાંચ વર્ષ', 5],
    ['ਦਸ ਸਾਲ', 10],
    ['ਛੇ ਮਹੀਨੇ', 0],
    ['دس سال سے', 10],
    ['۵ سال', 5],
    ['ஐந்து வருடங்களாக', 5],
    ['3 ஆண்டுகள்', 3],
    ['6 மாதம்', 0],
    ['5 సంవత్సరాలుగా', 5],
    ['రెండు సంవత్సరాలు', 2],
    ['5 ವರ್ಷಗಳಿಂದ', 5],
    ['ಎರಡು ವರ್ಷ', 2],
    ['8 വർഷമായി', 8],
    ['രണ്ട് വർഷം', 2],
    ['4 ବର୍ଷ', 4],
    ['ଦୁଇ ବର୍ଷ', 2],
  ])('%s → %d', (text, expected) => {
    expect(parseYears(text, NOW)).toBe(expected);
  });

  it.each(['', 'hello', '150 saal', '1800', 'since 1800', '3000'])('no years in %j', (text) => {
    expect(parseYears(text, NOW)).toBeUndefined();
  });

  it('counts from the clock it is given, in Indian time', () => {
    expect(parseYears('since 2018', new Date('2030-06-01'))).toBe(12);
    expect(parseYears('since 2018', new Date('2029-12-31T20:00:00Z'))).toBe(12); // already 2030 in India
    expect(parseYears('100 saal', NOW)).toBe(MAX_YEARS);
  });
});

describe('properties', () => {
  const pieces = [
    'lakh',
    'crore',
    'hazaar',
    'k',
    'L',
    'cr',
    'sava',
    'saadhe',
    'paune',
    'dedh',
    'do',
    'and',
    'a',
    'half',
    'se',
    '-',
    '/',
    '₹',
    'rs',
    '.',
    ',',
    '%',
    'लाख',
    'सवा',
    'डेढ़',
    'करोड़',
    'லட்சம்',
    'ஆயிரம்',
    'ലക്ഷം',
    '0',
    '1',
    '2.5',
    '99999',
    '1,00,000',
    '۵',
    '٫',
    'saal',
    'mahine',
    'log',
    'koi nahi',
    'since',
    '2018',
  ];
  const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(' '));
  const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), soup);

  it('parseAmount never throws and never returns NaN, a negative or an absurd number', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const amount = parseAmount(text);
        return amount === undefined || (Number.isFinite(amount) && amount >= 0 && amount <= MAX_AMOUNT);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseCount and parseYears give whole numbers in range', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const count = parseCount(text);
        const years = parseYears(text, NOW);
        const countOk = count === undefined || (Number.isInteger(count) && count >= 0 && count <= MAX_COUNT);
        const yearsOk = years === undefined || (Number.isInteger(years) && years >= 0 && years <= MAX_YEARS);
        return countOk && yearsOk;
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back any amount written in Indian digit grouping', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_99_99_999 }), (n) => {
        return parseAmount(`₹ ${n.toLocaleString('en-IN')}`) === n && parseAmount(String(n)) === n;
      }),
    );
  });
});

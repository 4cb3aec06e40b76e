// The whole WhatsApp onboarding in each of the 12 languages, once in native script and once romanized
// (as owners type on phones), with free-text answers, through the real webhook on the embedded default.
import { describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../src/language/langs.js';
import type { Need, StateCode } from '../../src/profile/profile.js';
import { testRuntime } from '../support/runtime.js';
import { owner } from '../support/whatsapp.js';

/** What an owner writes, step by step, and what Saathi should have understood at the end. */
interface Journey {
  readonly hello: string;
  readonly consent: string;
  readonly kind: string;
  readonly place: string;
  readonly years: string;
  readonly sales: string;
  readonly workers: string;
  readonly udyam: string;
  readonly gst: string;
  readonly need: string;
  readonly amount: string;
  readonly confirm: string;
  readonly profile: {
    readonly businessKind: string;
    readonly state: StateCode;
    readonly yearsInBusiness: number;
    readonly monthlySales: number;
    readonly workers: number;
    readonly udyam: boolean;
    readonly gst: boolean;
    readonly need: Need;
    readonly amount: number;
  };
}

type Script = 'native' | 'roman';

// prettier-ignore
const JOURNEYS: Record<Lang, Record<Script, Journey>> = {
  en: {
    native: {
      hello: 'Hello, I need a loan for my shop', consent: 'Yes, okay', kind: 'I have a small bakery', place: 'Pune',
      years: 'around 8 years', sales: 'roughly 1.2 lakh every month', workers: '4 people work with me',
      udyam: 'Yes I have it', gst: 'No, not registered', need: 'I want to buy a new oven', amount: 'around 5 lakhs', confirm: 'yes',
      profile: { businessKind: 'bakery', state: 'MH', yearsInBusiness: 8, monthlySales: 120000, workers: 4, udyam: true, gst: false, need: 'machinery', amount: 500000 },
    },
    roman: {
      hello: 'hi sir i want loan for business', consent: 'ok', kind: 'tailoring shop', place: 'pin 600017',
      years: '3 yrs', sales: '50k per month', workers: '2 helpers',
      udyam: 'no', gst: 'nope', need: 'stock for diwali season', amount: '1 lakh', confirm: 'yes correct',
      profile: { businessKind: 'tailor', state: 'TN', yearsInBusiness: 3, monthlySales: 50000, workers: 2, udyam: false, gst: false, need: 'working_capital', amount: 100000 },
    },
  },
  hi: {
    native: {
      hello: 'नमस्ते जी, मुझे अपने काम के लिए लोन चाहिए', consent: 'हाँ जी', kind: 'मेरी किराने की दुकान है', place: 'जयपुर',
      years: '10 साल हो गए', sales: 'महीने का करीब 3 लाख', workers: 'दो लड़के काम करते हैं',
      udyam: 'नहीं है', gst: 'हाँ है', need: 'दुकान बढ़ानी है', amount: 'पाँच लाख', confirm: 'हाँ सही है',
      profile: { businessKind: 'kirana', state: 'RJ', yearsInBusiness: 10, monthlySales: 300000, workers: 2, udyam: false, gst: true, need: 'expand', amount: 500000 },
    },
    roman: {
      hello: 'namaste mujhe loan chahiye', consent: 'haan', kind: 'meri chai ki tapri hai', place: 'Patna',
      years: '5 saal se', sales: 'mahine ka 60 hazar', workers: 'ek ladka hai',
      udyam: 'haan hai', gst: 'nahi', need: 'maal lena hai', amount: '50 hazar', confirm: 'haan sahi hai',
      profile: { businessKind: 'tea_stall', state: 'BR', yearsInBusiness: 5, monthlySales: 60000, workers: 1, udyam: true, gst: false, need: 'working_capital', amount: 50000 },
    },
  },
  bn: {
    native: {
      hello: 'নমস্কার, আমার ব্যবসার জন্য লোন দরকার', consent: 'হ্যাঁ', kind: 'আমার একটা মুদির দোকান আছে', place: 'কলকাতা',
      years: '৭ বছর', sales: 'মাসে প্রায় দেড় লাখ', workers: '৩ জন',
      udyam: 'হ্যাঁ আছে', gst: 'না', need: 'দোকানের জন্য মাল কিনতে চাই', amount: 'দুই লাখ টাকা', confirm: 'হ্যাঁ ঠিক আছে',
      profile: { businessKind: 'kirana', state: 'WB', yearsInBusiness: 7, monthlySales: 150000, workers: 3, udyam: true, gst: false, need: 'working_capital', amount: 200000 },
    },
    roman: {
      hello: 'nomoskar amar dokaner jonno loan lagbe', consent: 'ha', kind: 'ami dorjir kaj kori', place: 'Siliguri',
      years: '4 bochor', sales: 'mase 80 hajar', workers: 'dujon',
      udyam: 'na', gst: 'na nei', need: 'notun machine kinbo', amount: 'der lakh', confirm: 'ha thik ache',
      profile: { businessKind: 'tailor', state: 'WB', yearsInBusiness: 4, monthlySales: 80000, workers: 2, udyam: false, gst: false, need: 'machinery', amount: 150000 },
    },
  },
  mr: {
    native: {
      hello: 'नमस्कार, मला व्यवसायासाठी कर्ज हवे आहे', consent: 'हो', kind: 'माझं कापड दुकान आहे', place: 'नाशिक',
      years: '१२ वर्षं झाली', sales: 'महिन्याला साधारण ४ लाख', workers: 'पाच कामगार आहेत',
      udyam: 'हो आहे', gst: 'हो', need: 'दुकान मोठे करायचे आहे', amount: 'दहा लाख', confirm: 'हो बरोबर',
      profile: { businessKind: 'clothing_shop', state: 'MH', yearsInBusiness: 12, monthlySales: 400000, workers: 5, udyam: true, gst: true, need: 'expand', amount: 1000000 },
    },
    roman: {
      hello: 'namaskar mala loan pahije', consent: 'ho', kind: 'mazi pithachi girni aahe', place: 'Kolhapur',
      years: '6 varsha', sales: 'mahinyala 1 lakh', workers: 'don jan',
      udyam: 'nahi', gst: 'nahi', need: 'navin machine ghyaychi aahe', amount: '3 lakh', confirm: 'ho barobar aahe',
      profile: { businessKind: 'flour_mill', state: 'MH', yearsInBusiness: 6, monthlySales: 100000, workers: 2, udyam: false, gst: false, need: 'machinery', amount: 300000 },
    },
  },
  te: {
    native: {
      hello: 'నమస్కారం, నాకు లోన్ కావాలి', consent: 'అవును', kind: 'నాకు కిరాణా కొట్టు ఉంది', place: 'విజయవాడ',
      years: '9 సంవత్సరాలు', sales: 'నెలకు 2 లక్షలు', workers: 'ముగ్గురు పని చేస్తారు',
      udyam: 'లేదు', gst: 'అవును ఉంది', need: 'సరుకు కొనడానికి', amount: 'మూడు లక్షలు', confirm: 'అవును సరిగ్గా ఉంది',
      profile: { businessKind: 'kirana', state: 'AP', yearsInBusiness: 9, monthlySales: 200000, workers: 3, udyam: false, gst: true, need: 'working_capital', amount: 300000 },
    },
    roman: {
      hello: 'namaskaram naaku loan kavali', consent: 'avunu', kind: 'nenu tailor pani chestha', place: 'Hyderabad',
      years: '5 samvatsaralu', sales: 'nelaki 70 vela', workers: 'iddaru',
      udyam: 'ledu', gst: 'ledu', need: 'kotha mishin konali', amount: 'oka lakh', confirm: 'avunu correct',
      profile: { businessKind: 'tailor', state: 'TG', yearsInBusiness: 5, monthlySales: 70000, workers: 2, udyam: false, gst: false, need: 'machinery', amount: 100000 },
    },
  },
  ta: {
    native: {
      hello: 'வணக்கம், எனக்கு கடன் வேணும்', consent: 'ஆமா', kind: 'நான் ஒரு மளிகை கடை நடத்துறேன்', place: 'மதுரை',
      years: '6 வருஷம்', sales: 'மாசம் 2.5 லட்சம்', workers: 'மூணு பேர் வேலை செய்றாங்க',
      udyam: 'ஆமா இருக்கு', gst: 'இல்லை', need: 'கடைக்கு சரக்கு வாங்கணும்', amount: 'ரெண்டு லட்சம்', confirm: 'ஆமா சரி',
      profile: { businessKind: 'kirana', state: 'TN', yearsInBusiness: 6, monthlySales: 250000, workers: 3, udyam: true, gst: false, need: 'working_capital', amount: 200000 },
    },
    roman: {
      hello: 'vanakkam enakku loan venum', consent: 'sari', kind: 'naan oru maligai kadai nadathuren', place: 'Coimbatore',
      years: '6 varusham', sales: 'masam 2.5 laksham', workers: 'rendu per',
      udyam: 'illa', gst: 'aamam irukku', need: 'pudhu machine vanganum', amount: 'moonu laksham', confirm: 'aama correct',
      profile: { businessKind: 'kirana', state: 'TN', yearsInBusiness: 6, monthlySales: 250000, workers: 2, udyam: false, gst: true, need: 'machinery', amount: 300000 },
    },
  },
  gu: {
    native: {
      hello: 'નમસ્તે, મારે ધંધા માટે લોન જોઈએ છે', consent: 'હા', kind: 'હું દરજીકામ કરું છું', place: 'અમદાવાદ',
      years: '૧૫ વર્ષ થી', sales: 'મહિને લગભગ ૫ લાખ', workers: '૬ માણસો',
      udyam: 'હા છે', gst: 'હા', need: 'નવું મશીન લેવું છે', amount: 'અઢી લાખ', confirm: 'હા બરાબર',
      profile: { businessKind: 'tailor', state: 'GJ', yearsInBusiness: 15, monthlySales: 500000, workers: 6, udyam: true, gst: true, need: 'machinery', amount: 250000 },
    },
    roman: {
      hello: 'kem cho, mare loan joie che', consent: 'ha', kind: 'mari kariyana ni dukan che', place: 'Surat',
      years: '7 varas', sales: 'mahine 90 hajar', workers: 'be jan',
      udyam: 'na', gst: 'ha che', need: 'dhandho vadharvo che', amount: '4 lakh', confirm: 'ha barabar che',
      profile: { businessKind: 'kirana', state: 'GJ', yearsInBusiness: 7, monthlySales: 90000, workers: 2, udyam: false, gst: true, need: 'expand', amount: 400000 },
    },
  },
  ur: {
    native: {
      hello: 'السلام علیکم، مجھے کاروبار کے لیے قرض چاہیے', consent: 'جی ہاں', kind: 'میری درزی کی دکان ہے', place: 'لکھنؤ',
      years: 'آٹھ سال سے', sales: 'مہینے کا تقریباً ڈیڑھ لاکھ', workers: 'دو کاریگر ہیں',
      udyam: 'نہیں', gst: 'جی ہاں ہے', need: 'نئی مشین خریدنی ہے', amount: 'دو لاکھ', confirm: 'جی ہاں ٹھیک ہے',
      profile: { businessKind: 'tailor', state: 'UP', yearsInBusiness: 8, monthlySales: 150000, workers: 2, udyam: false, gst: true, need: 'machinery', amount: 200000 },
    },
    roman: {
      hello: 'assalam alaikum mujhe karobar ke liye qarz chahiye', consent: 'ji haan', kind: 'meri kapde ki dukan hai', place: 'Hyderabad',
      years: 'das saal', sales: 'mahine ka 2 lakh', workers: 'teen log',
      udyam: 'nahi', gst: 'haan', need: 'karobar badhana hai', amount: '5 lakh', confirm: 'ji haan theek hai',
      profile: { businessKind: 'clothing_shop', state: 'TG', yearsInBusiness: 10, monthlySales: 200000, workers: 3, udyam: false, gst: true, need: 'expand', amount: 500000 },
    },
  },
  kn: {
    native: {
      hello: 'ನಮಸ್ಕಾರ, ನನಗೆ ಸಾಲ ಬೇಕು', consent: 'ಹೌದು', kind: 'ನಾನು ಹೋಟೆಲ್ ನಡೆಸ್ತೀನಿ', place: 'ಮೈಸೂರು',
      years: 'ಹತ್ತು ವರ್ಷ', sales: 'ತಿಂಗಳಿಗೆ ಒಂದೂವರೆ ಲಕ್ಷ', workers: 'ನಾಲ್ಕು ಜನ',
      udyam: 'ಇಲ್ಲ', gst: 'ಹೌದು ಇದೆ', need: 'ಅಂಗಡಿಗೆ ಸ್ಟಾಕ್ ತರಬೇಕು', amount: 'ಎರಡು ಲಕ್ಷ', confirm: 'ಹೌದು ಸರಿ',
      profile: { businessKind: 'restaurant', state: 'KA', yearsInBusiness: 10, monthlySales: 150000, workers: 4, udyam: false, gst: true, need: 'working_capital', amount: 200000 },
    },
    roman: {
      hello: 'namaskara nanage loan beku', consent: 'howdu', kind: 'nanu hair cutting shop nadesthini', place: 'Hubli',
      years: '3 varsha', sales: 'tingalige 40 savira', workers: 'ibbaru',
      udyam: 'illa', gst: 'illa', need: 'hosa machine beku', amount: '50 savira', confirm: 'howdu sari',
      profile: { businessKind: 'barber', state: 'KA', yearsInBusiness: 3, monthlySales: 40000, workers: 2, udyam: false, gst: false, need: 'machinery', amount: 50000 },
    },
  },
  or: {
    native: {
      hello: 'ନମସ୍କାର, ମୋର ବ୍ୟବସାୟ ପାଇଁ ଋଣ ଦରକାର', consent: 'ହଁ', kind: 'ମୋର ଗୋଟିଏ ମୁଦି ଦୋକାନ ଅଛି', place: 'ଭୁବନେଶ୍ୱର',
      years: '୫ ବର୍ଷ', sales: 'ମାସକୁ ପ୍ରାୟ ଦେଢ଼ ଲକ୍ଷ', workers: 'ଦୁଇ ଜଣ',
      udyam: 'ହଁ ଅଛି', gst: 'ନା', need: 'ଦୋକାନ ପାଇଁ ମାଲ କିଣିବା', amount: 'ଏକ ଲକ୍ଷ', confirm: 'ହଁ ଠିକ୍ ଅଛି',
      profile: { businessKind: 'kirana', state: 'OR', yearsInBusiness: 5, monthlySales: 150000, workers: 2, udyam: true, gst: false, need: 'working_capital', amount: 100000 },
    },
    roman: {
      hello: 'namaskar mora byabasaya pain loan darkar', consent: 'han', kind: 'mu chha dokan chalauchi', place: 'Cuttack',
      years: '4 barsa', sales: 'masaku 50 hajar', workers: '2 jana',
      udyam: 'na', gst: 'na nahi', need: 'dokan badhaiba pain', amount: 'dui lakh', confirm: 'han thik achhi',
      profile: { businessKind: 'tea_stall', state: 'OR', yearsInBusiness: 4, monthlySales: 50000, workers: 2, udyam: false, gst: false, need: 'expand', amount: 200000 },
    },
  },
  ml: {
    native: {
      hello: 'നമസ്കാരം, എനിക്ക് ഒരു ലോൺ വേണം', consent: 'ശരി', kind: 'എനിക്ക് ഒരു ചായക്കട ഉണ്ട്', place: 'കോഴിക്കോട്',
      years: 'എട്ട് വർഷം', sales: 'മാസം ഒന്നര ലക്ഷം', workers: 'രണ്ട് പേർ',
      udyam: 'ഉണ്ട്', gst: 'ഇല്ല', need: 'കട വലുതാക്കാൻ', amount: 'മൂന്ന് ലക്ഷം', confirm: 'ശരി ആണ്',
      profile: { businessKind: 'tea_stall', state: 'KL', yearsInBusiness: 8, monthlySales: 150000, workers: 2, udyam: true, gst: false, need: 'expand', amount: 300000 },
    },
    roman: {
      hello: 'namaskaram enikku loan venam', consent: 'sheri', kind: 'njan oru tailoring kada nadathunnu', place: 'Kochi',
      years: '5 varsham', sales: 'masam 60000 roopa', workers: 'randu per',
      udyam: 'illa', gst: 'illa', need: 'puthiya machine vanganam', amount: 'oru lakh', confirm: 'athe sheriyanu',
      profile: { businessKind: 'tailor', state: 'KL', yearsInBusiness: 5, monthlySales: 60000, workers: 2, udyam: false, gst: false, need: 'machinery', amount: 100000 },
    },
  },
  pa: {
    native: {
      hello: 'ਸਤ ਸ੍ਰੀ ਅਕਾਲ ਜੀ, ਮੈਨੂੰ ਕਾਰੋਬਾਰ ਲਈ ਲੋਨ ਚਾਹੀਦਾ', consent: 'ਹਾਂ ਜੀ', kind: 'ਮੇਰੀ ਮਿਠਾਈ ਦੀ ਦੁਕਾਨ ਹੈ', place: 'ਲੁਧਿਆਣਾ',
      years: '੨੦ ਸਾਲ ਤੋਂ', sales: 'ਮਹੀਨੇ ਦਾ 6 ਲੱਖ', workers: 'ਅੱਠ ਬੰਦੇ',
      udyam: 'ਹਾਂ ਜੀ', gst: 'ਹਾਂ', need: 'ਨਵੀਂ ਮਸ਼ੀਨ ਲੈਣੀ ਹੈ', amount: 'ਦਸ ਲੱਖ', confirm: 'ਹਾਂ ਜੀ ਠੀਕ ਹੈ',
      profile: { businessKind: 'sweet_shop', state: 'PB', yearsInBusiness: 20, monthlySales: 600000, workers: 8, udyam: true, gst: true, need: 'machinery', amount: 1000000 },
    },
    roman: {
      hello: 'sat sri akal ji menu loan chahida', consent: 'haan ji', kind: 'meri karyane di dukan aa', place: 'Amritsar',
      years: '8 saal ho gaye', sales: 'mahine da dedh lakh', workers: 'do bande',
      udyam: 'nahi ji', gst: 'haan ji hai', need: 'dukan layi maal lena hai', amount: '2 lakh', confirm: 'haan ji theek aa',
      profile: { businessKind: 'kirana', state: 'PB', yearsInBusiness: 8, monthlySales: 150000, workers: 2, udyam: false, gst: true, need: 'working_capital', amount: 200000 },
    },
  },
};

/** Each answer and the prompt that must follow it. */
const STEPS = [
  ['consent', 'q.businessKind'],
  ['kind', 'q.location'],
  ['place', 'q.years'],
  ['years', 'q.sales'],
  ['sales', 'q.workers'],
  ['workers', 'q.udyam'],
  ['udyam', 'q.gst'],
  ['gst', 'q.need'],
  ['need', 'q.amount'],
  ['amount', 'summary.confirm'],
] as const satisfies readonly (readonly [keyof Journey, string])[];

describe('onboarding journeys in 12 languages, native and romanized, on the embedded default', () => {
  LANGS.forEach((lang, l) => {
    (['native', 'roman'] as const).forEach((script, s) => {
      const journey = JOURNEYS[lang][script];
      it(`${lang} ${script}: "${journey.hello}"`, async () => {
        const runtime = testRuntime();
        const from = `whatsapp:+91980000${String(l).padStart(2, '0')}${s}0`;
        const say = owner(runtime.app, from);
        const t = (key: string) => runtime.messages.format(lang, { key });

        expect(await say(journey.hello), `first message picks ${lang}`).toContain(t('consent.notice'));
        for (const [field, next] of STEPS) {
          expect(await say(journey[field]), `${field}: "${journey[field]}" then ${next}`).toContain(t(next));
        }
        const stored = await runtime.store.load(runtime.engine.ownerId(from));
        expect(stored?.record.context.lang).toBe(lang);
        expect(stored?.record.context.profile).toMatchObject(journey.profile);
        expect(await say(journey.confirm), `confirm: "${journey.confirm}"`).toContain(t('marketing.ask'));
        expect(await say(journey.consent), `offers from lenders: "${journey.consent}"`).toContain(
          t('recs.intro'),
        );
        const saved = await runtime.profiles.get(runtime.engine.ownerId(from));
        expect(saved).toMatchObject({ lang, marketingConsent: true, profile: journey.profile });
      });
    });
  });
});

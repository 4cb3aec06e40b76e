// Unit tests for places: PIN → state, place names in any script → state/city, location → state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import data from '../../content/places.json' with { type: 'json' };
import { STATE_CODES } from '../../src/profile/profile.js';
import {
  parsePin,
  parsePlace,
  placesSchema,
  stateFromLocation,
  stateName,
} from '../../src/profile/places.js';

const places = placesSchema.parse(data);

describe('content/places.json', () => {
  it('has a source and a date, every state once, and cities inside India', () => {
    expect(places.pinPrefixes.source).toMatch(/India Post/);
    expect(places.states.map((s) => s.code).sort()).toEqual([...STATE_CODES].sort());
    expect(places.cities.length).toBeGreaterThanOrEqual(150);
    for (const c of places.cities) expect(stateFromLocation(c.lat, c.lng)).toBe(c.state);
  });

  it('gives every state at least one PIN prefix and no prefix outside the civil range', () => {
    const covered = new Set(Object.values(places.pinPrefixes.prefixes));
    expect([...covered].sort()).toEqual([...STATE_CODES].sort());
    for (const prefix of Object.keys(places.pinPrefixes.prefixes)) expect(prefix).toMatch(/^[1-8]/);
  });

  it('reads back every alias it lists as its own city or state', () => {
    for (const c of places.cities) {
      for (const alias of [c.name, ...c.aliases, ...(c.strict ?? [])]) {
        expect(parsePlace(alias), alias).toEqual({ state: c.state, place: c.name });
      }
    }
    for (const s of places.states) {
      for (const alias of [s.name, ...s.aliases, ...(s.abbreviations ?? [])]) {
        expect(parsePlace(alias)?.state, alias).toBe(s.code);
      }
    }
  });
});

describe('parsePin', () => {
  it.each<[string, string, string]>([
    ['110001', '110001', 'DL'],
    ['110 001', '110001', 'DL'],
    ['122002', '122002', 'HR'],
    ['141001', '141001', 'PB'],
    ['160017', '160017', 'CH'],
    ['160062', '160062', 'PB'],
    ['171001', '171001', 'HP'],
    ['190001', '190001', 'JK'],
    ['180001', '180001', 'JK'],
    ['194101', '194101', 'LA'],
    ['226001', '226001', 'UP'],
    ['201301', '201301', 'UP'],
    ['248001', '248001', 'UT'],
    ['263139', '263139', 'UT'],
    ['247001', '247001', 'UP'],
    ['247667', '247667', 'UT'],
    ['302001', '302001', 'RJ'],
    ['380001', '380001', 'GJ'],
    ['395003', '395003', 'GJ'],
    ['396210', '396210', 'DH'],
    ['400001', '400001', 'MH'],
    ['411001', '411001', 'MH'],
    ['403001', '403001', 'GA'],
    ['452001', '452001', 'MP'],
    ['492001', '492001', 'CT'],
    ['500001', '500001', 'TG'],
    ['520001', '520001', 'AP'],
    ['530001', '530001', 'AP'],
    ['560001', '560001', 'KA'],
    ['600001', '600001', 'TN'],
    ['625001', '625001', 'TN'],
    ['605001', '605001', 'PY'],
    ['682001', '682001', 'KL'],
    ['695001', '695001', 'KL'],
    ['682555', '682555', 'LD'],
    ['700001', '700001', 'WB'],
    ['737101', '737101', 'SK'],
    ['744101', '744101', 'AN'],
    ['751001', '751001', 'OR'],
    ['781001', '781001', 'AS'],
    ['791111', '791111', 'AR'],
    ['793001', '793001', 'ML'],
    ['795001', '795001', 'MN'],
    ['796001', '796001', 'MZ'],
    ['797112', '797112', 'NL'],
    ['799001', '799001', 'TR'],
    ['800001', '800001', 'BR'],
    ['834001', '834001', 'JH'],
    ['831001', '831001', 'JH'],
    // scripts, spacing, surrounding words
    ['२२६००१', '226001', 'UP'],
    ['৭০০ ০১৯', '700019', 'WB'],
    ['૩૮૦૦૦૧', '380001', 'GJ'],
    ['੧੪੧੦੦੧', '141001', 'PB'],
    ['୭୫୧୦୦୧', '751001', 'OR'],
    ['௬௨௫௦௦௧', '625001', 'TN'],
    ['౫౦౦౦౦౧', '500001', 'TG'],
    ['೫೬೦೦೦೧', '560001', 'KA'],
    ['൬൮൨൦൦൧', '682001', 'KL'],
    ['۲۲۶۰۰۱', '226001', 'UP'],
    ['mera pin 226001 hai', '226001', 'UP'],
    ['PIN: 560 034.', '560034', 'KA'],
    ['Lucknow - 226010', '226010', 'UP'],
  ])('%s → %s %s', (text, pin, state) => {
    expect(parsePin(text)).toEqual({ pin, state });
  });

  it.each([
    '',
    'lucknow',
    '999999', // Army Postal Service
    '901234',
    '012345',
    '000000',
    '11000', // five digits
    '1100011', // seven digits
    '9876543210', // a phone number
    '98765 43210',
    '2.50000',
    '1,10,001',
    '860001', // no civil circle starts 86
    '550001',
  ])('no PIN in %j', (text) => {
    expect(parsePin(text)).toBeUndefined();
  });

  it('takes the first valid PIN and skips invalid ones', () => {
    expect(parsePin('999999 ya 400001')).toEqual({ pin: '400001', state: 'MH' });
  });

  it('never throws and only returns civil PINs with a known state', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.stringMatching(/^[0-9 ]{0,20}$/)),
        (text) => {
          const found = parsePin(text);
          return found === undefined || (/^[1-8]\d{5}$/.test(found.pin) && STATE_CODES.includes(found.state));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parsePlace', () => {
  it.each<[string, string, string | undefined]>([
    // English, old names, romanized
    ['lucknow', 'UP', 'Lucknow'],
    ['Lucknow', 'UP', 'Lucknow'],
    ['LUCKNOW', 'UP', 'Lucknow'],
    ['Bombay', 'MH', 'Mumbai'],
    ['mumbai', 'MH', 'Mumbai'],
    ['bengaluru', 'KA', 'Bengaluru'],
    ['bangalore', 'KA', 'Bengaluru'],
    ['madurai', 'TN', 'Madurai'],
    ['Calcutta', 'WB', 'Kolkata'],
    ['madras', 'TN', 'Chennai'],
    ['gurgaon', 'HR', 'Gurugram'],
    ['allahabad', 'UP', 'Prayagraj'],
    ['banaras', 'UP', 'Varanasi'],
    ['trivandrum', 'KL', 'Thiruvananthapuram'],
    ['vizag', 'AP', 'Visakhapatnam'],
    ['new delhi', 'DL', 'Delhi'],
    ['navi mumbai', 'MH', 'Navi Mumbai'],
    ['main lucknow se hoon', 'UP', 'Lucknow'],
    ['meri dukaan Kanpur mein hai', 'UP', 'Kanpur'],
    ['Ludhiana, Punjab', 'PB', 'Ludhiana'],
    // states and abbreviations
    ['UP', 'UP', undefined],
    ['up', 'UP', undefined],
    ['U.P.', 'UP', undefined],
    ['I am from UP', 'UP', undefined],
    ['MP se', 'MP', undefined],
    ['tamilnadu', 'TN', undefined],
    ['Tamil Nadu', 'TN', undefined],
    ['tamil nadu', 'TN', undefined],
    ['west bengal', 'WB', undefined],
    ['orissa', 'OR', undefined],
    ['J&K', 'JK', undefined],
    ['jammu & kashmir', 'JK', undefined],
    ['jammu', 'JK', 'Jammu'],
    ['Bihar', 'BR', undefined],
    ['uttar pradesh', 'UP', undefined],
    // one typo in names of 5+ letters
    ['banglore', 'KA', 'Bengaluru'],
    ['hydrabad', 'TG', 'Hyderabad'],
    ['kolkatta', 'WB', 'Kolkata'],
    ['ahemdabad', 'GJ', 'Ahmedabad'],
    ['chenai', 'TN', 'Chennai'],
    ['dehli', 'DL', 'Delhi'],
    ['kanpr', 'UP', 'Kanpur'],
    ['jaipurr', 'RJ', 'Jaipur'],
    ['luckhnow', 'UP', 'Lucknow'],
    ['maharastra', 'MH', undefined],
    ['rajastan', 'RJ', undefined],
    ['tamilnadu state', 'TN', undefined],
    ['kerela', 'KL', undefined],
    // native scripts
    ['लखनऊ', 'UP', 'Lucknow'],
    ['मैं लखनऊ से हूँ', 'UP', 'Lucknow'],
    ['उत्तर प्रदेश', 'UP', undefined],
    ['यूपी', 'UP', undefined],
    ['दिल्ली', 'DL', 'Delhi'],
    ['मुंबई', 'MH', 'Mumbai'],
    ['पुणे', 'MH', 'Pune'],
    ['महाराष्ट्र', 'MH', undefined],
    ['কলকাতা', 'WB', 'Kolkata'],
    ['কলকাতায়', 'WB', 'Kolkata'],
    ['পশ্চিমবঙ্গ', 'WB', undefined],
    ['ਚੰਡੀਗੜ੍ਹ', 'CH', 'Chandigarh'],
    ['અમદાવાદ', 'GJ', 'Ahmedabad'],
    ['અમદાવાદમાં', 'GJ', 'Ahmedabad'],
    ['ગુજરાત', 'GJ', undefined],
    ['ਲੁਧਿਆਣਾ', 'PB', 'Ludhiana'],
    ['ਪੰਜਾਬ', 'PB', undefined],
    ['حیدرآباد', 'TG', 'Hyderabad'],
    ['لکھنؤ', 'UP', 'Lucknow'],
    ['மதுரை', 'TN', 'Madurai'],
    ['மதுரையில்', 'TN', 'Madurai'],
    ['சென்னை', 'TN', 'Chennai'],
    ['தமிழ்நாடு', 'TN', undefined],
    ['హైదరాబాద్', 'TG', 'Hyderabad'],
    ['హైదరాబాద్‌లో', 'TG', 'Hyderabad'],
    ['తెలంగాణ', 'TG', undefined],
    ['ಬೆಂಗಳೂರು', 'KA', 'Bengaluru'],
    ['ಬೆಂಗಳೂರಿನಲ್ಲಿ', 'KA', 'Bengaluru'],
    ['ಕರ್ನಾಟಕ', 'KA', undefined],
    ['കൊച്ചി', 'KL', 'Kochi'],
    ['കൊച്ചിയിൽ', 'KL', 'Kochi'],
    ['കേരളം', 'KL', undefined],
    ['ଭୁବନେଶ୍ୱର', 'OR', 'Bhubaneswar'],
    ['କଟକରେ', 'OR', 'Cuttack'],
    ['ଓଡ଼ିଶା', 'OR', undefined],
    // names that are everyday words count only as the whole answer
    ['gaya', 'BR', 'Gaya'],
    ['Gaya, Bihar', 'BR', 'Gaya'],
    ['gaya se', 'BR', 'Gaya'],
    // a city with a different state named: the state named wins
    ['Bilaspur, Himachal', 'HP', 'Bilaspur'],
    ['Aurangabad Bihar', 'BR', 'Aurangabad'],
    ['Noida near Delhi', 'UP', 'Noida'],
  ])('%s → %s %s', (text, state, place) => {
    const found = parsePlace(text);
    expect(found?.state).toBe(state);
    if (place !== undefined) expect(found?.place).toBe(place);
  });

  it.each([
    '',
    'hello',
    'namaste ji',
    'set it up',
    'mp3 file bhejo',
    'main gaya tha',
    'chala gaya hai',
    'vo gaya', // "gaya" = went
    'main akela hoon',
    'bahar gaya', // bahar ~ Bihar
    'maine dekhi', // dekhi ~ Delhi
    'kabhi kabhi',
    'meri patni',
    'kaam karna hai',
    'main punjabi bolta hoon', // a language, not a state
    'I speak Bengali',
    'Mayur Vihar',
    'sagar ki dukaan',
    'mandi mein sabzi bechta hoon',
    'thana', // police station
    'salam alaikum',
    'abcdefghij',
  ])('no place in %j', (text) => {
    expect(parsePlace(text)).toBeUndefined();
  });

  it('reads a 10,000-character message quickly', () => {
    const long = 'kuch bhi likha hai yahan '.repeat(400) + 'lucknow';
    const start = performance.now();
    expect(parsePlace(long)).toEqual({ state: 'UP', place: 'Lucknow' });
    parsePlace('abcdefghijklmnopq '.repeat(560));
    parsePlace('ಬೆಂಗಳೂರಿನಲ್ಲಿ '.repeat(700));
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const found = parsePlace(text);
        return found === undefined || STATE_CODES.includes(found.state);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('stateFromLocation', () => {
  it.each<[string, number, number, string]>([
    ['Lucknow outskirts', 26.9, 80.9, 'UP'],
    ['Chennai', 13.05, 80.25, 'TN'],
    ['Madurai', 9.92, 78.11, 'TN'],
    ['a village near Nashik', 20.1, 73.9, 'MH'],
    ['Kolkata', 22.6, 88.4, 'WB'],
    ['Guwahati', 26.15, 91.7, 'AS'],
    ['Srinagar', 34.1, 74.8, 'JK'],
    ['Bengaluru', 12.95, 77.6, 'KA'],
    ['Kochi', 9.95, 76.3, 'KL'],
    ['Patna', 25.6, 85.1, 'BR'],
  ])('%s', (_where, lat, lng, state) => {
    expect(stateFromLocation(lat, lng)).toBe(state);
  });

  it('is undefined far from every listed city or for nonsense', () => {
    expect(stateFromLocation(0, 0)).toBeUndefined();
    expect(stateFromLocation(51.5, -0.12)).toBeUndefined(); // London
    expect(stateFromLocation(15, 65)).toBeUndefined(); // Arabian Sea
    expect(stateFromLocation(Number.NaN, 77)).toBeUndefined();
    expect(stateFromLocation(200, 77)).toBeUndefined();
  });
});

describe('stateName', () => {
  it('names every state in English', () => {
    expect(stateName('UP')).toBe('Uttar Pradesh');
    expect(stateName('TN')).toBe('Tamil Nadu');
    expect(stateName('DL')).toBe('Delhi');
    for (const code of STATE_CODES) expect(stateName(code)).not.toBe(code);
  });
});

// Romanized bn, te, gu, pa and or (no real dev rows exist for them), code-mixed and one-word messages, and the
// held-out split of the training data. Every sentence here was written for this test only: it is in neither
// training/data nor shared/langid/dev.tsv.
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/language/detect/index.js';
import { isHeldOut, readBatches } from '../../src/language/detect/training/corpus.js';

describe('romanized Bengali, Telugu, Gujarati, Punjabi and Odia', () => {
  const cases: Array<[string, string]> = [
    ['ami aaj bikele bazar jabo, tumi ki asbe', 'bn'],
    ['amar mobile ta kharap hoye geche, thik korte koto lagbe', 'bn'],
    ['tomar sathe kotha bole khub bhalo laglo', 'bn'],
    ['kal sokale amake ektu phone koro', 'bn'],
    ['nenu ee roju sayantram market ki veltunnanu', 'te'],
    ['naa phone paadaindi, baagu cheyinchadaniki entha avutundi', 'te'],
    ['meetho matladinanduku chala santosham ga undi', 'te'],
    ['repu udayam naaku okasari phone cheyyandi', 'te'],
    ['hu aaje saanje bajar javano chu, tame aavsho', 'gu'],
    ['maro mobile bagdi gayo che, repair karva ketla thase', 'gu'],
    ['tamari sathe vaat kari ne bahu maja aavi', 'gu'],
    ['kale savare mane ek vaar phone karjo', 'gu'],
    ['main ajj shaam nu bazaar jaana, tusi aaoge', 'pa'],
    ['mera phone kharab ho gaya, theek karaun da kinna lagu', 'pa'],
    ['tuhade naal gall karke bahut changa laggeya', 'pa'],
    ['kal savere mainu ik vaari phone kar dena', 'pa'],
    ['mu aaji sandhya re bajar jibi, tume asiba ki', 'or'],
    ['mo phone kharap hei gala, thik karibaku kete lagiba', 'or'],
    ['tuma sahita katha hei bahut bhala lagila', 'or'],
    ['kali sakalu mote thare phone karidaba', 'or'],
  ];
  it.each(cases)('%s -> %s', (text, lang) => {
    const d = detectLanguage(text);
    expect(d.lang).toBe(lang);
    expect(d.script).toBe('latn');
  });
});

describe('code-mixed messages', () => {
  const cases: Array<[string, string]> = [
    ['bhai mera order abhi tak deliver nahi hua, please check karo', 'hi'],
    ['yar mera parcel abhi tak nai aya, kia masla hy', 'ur'],
    ['naaku refund inka raledu, please check cheyyandi', 'te'],
    ['enakku refund innum varala, konjam check pannunga', 'ta'],
    ['nanage refund innu banilla, swalpa check maadi', 'kn'],
    ['enikku refund ithuvare kittiyilla, onnu check cheyyamo', 'ml'],
    ['mala refund ajun milala nahi, please check kara', 'mr'],
  ];
  it.each(cases)('%s -> %s', (text, lang) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it('keeps plain English with an Indian name English', () => {
    expect(detectLanguage('Please send the invoice to Suresh by tomorrow evening').lang).toBe('en');
    expect(detectLanguage('My shop in Pune needs a new billing machine').lang).toBe('en');
  });
});

describe('one-word and very short messages', () => {
  it.each(['ok', 'haan', 'thanks', 'hmm', 'Priya'])('%j never gets a confident answer', (text) => {
    expect(detectLanguage(text).confidence).toBeLessThan(0.5);
  });

  it('is more confident as a romanized message grows', () => {
    const one = detectLanguage('kavali').confidence;
    const full = detectLanguage('naaku loan kavali, entha vaddi padutundi').confidence;
    expect(full).toBeGreaterThan(one);
  });
});

describe('held-out split of the training data', () => {
  it('keeps about a tenth of the lines out of training, disjoint from the training lines', () => {
    const all = readBatches('hi.latn', 'all');
    const train = readBatches('hi.latn', 'train');
    const held = readBatches('hi.latn', 'holdout');
    expect(train.length + held.length).toBe(all.length);
    expect(held.length / all.length).toBeGreaterThan(0.05);
    expect(held.length / all.length).toBeLessThan(0.15);
    expect(held.every((l) => isHeldOut(l))).toBe(true);
    expect(train.some((l) => isHeldOut(l))).toBe(false);
  });
});

// The WhatsApp TwiML is written by hand for speed; it must be exactly what twilio's MessagingResponse
// writes for any text it accepts, and still valid XML (without the offending characters) for text it rejects.
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { toTwiml } from '../../src/channels/whatsapp-routes.js';

function twilioTwiml(bodies: readonly string[]): string {
  const response = new twilio.twiml.MessagingResponse();
  for (const body of bodies) response.message(body);
  return response.toString();
}

describe('toTwiml', () => {
  it('matches twilio’s MessagingResponse byte for byte on any text it accepts', () => {
    const accepted = fc.string({ unit: 'grapheme', maxLength: 60 }).filter((text) => {
      try {
        twilioTwiml([text]);
        return true;
      } catch {
        return false;
      }
    });
    fc.assert(
      fc.property(fc.array(accepted, { maxLength: 4 }), (bodies) => {
        expect(toTwiml(bodies)).toBe(twilioTwiml(bodies));
      }),
      { numRuns: 500 },
    );
    const special = [
      'a & b < c > d " e \' f \r g \n h \t i',
      'नमस्ते ₹2,50,000 👍',
      '<Message>x</Message>',
      '',
    ];
    expect(toTwiml(special)).toBe(twilioTwiml(special));
  });

  it('drops characters XML cannot carry instead of failing the answer', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 3 }), (bodies) => {
        const xml = toTwiml(bodies);
        expect(XMLValidator.validate(xml)).toBe(true);
        const parsed = new XMLParser({ processEntities: true, trimValues: false }).parse(xml) as unknown;
        expect(parsed).toBeDefined();
      }),
      { numRuns: 500 },
    );
    expect(toTwiml(['bad \u0001 char, lone \ud800 half'])).toBe(twilioTwiml(['bad  char, lone  half']));
  });
});

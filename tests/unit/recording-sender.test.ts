import { describe, expect, it } from 'vitest';
import { createRecordingSender } from '../../src/adapters/recording-sender.js';

describe('recording sender', () => {
  it('keeps only the most recent sends, oldest first', async () => {
    let n = 0;
    const sender = createRecordingSender({ limit: 3, newId: () => String(++n).padStart(32, '0') });
    for (let i = 1; i <= 10; i++)
      await sender.sendMessage({ to: `whatsapp:+9198000000${i}`, body: `message ${i}` });
    const kept = sender.sent();
    expect(kept.map((r) => (r.kind === 'message' ? r.message.body : r.kind))).toEqual([
      'message 8',
      'message 9',
      'message 10',
    ]);
    expect(kept.map((r) => r.sid)).toEqual([8, 9, 10].map((i) => `SM${String(i).padStart(32, '0')}`));
  });

  it('stamps each send with the injected clock and can be cleared', async () => {
    const at = new Date('2026-11-22T09:30:00Z');
    const sender = createRecordingSender({ clock: () => at });
    await sender.placeCall({
      to: 'whatsapp:+919812345678',
      url: 'https://saathi.example/twilio/voice/outbound',
    });
    expect(sender.sent()).toEqual([
      {
        kind: 'call',
        sid: expect.stringMatching(/^CA[0-9a-f]{32}$/) as string,
        at,
        call: { to: '+919812345678', url: 'https://saathi.example/twilio/voice/outbound' },
      },
    ]);
    sender.clear();
    expect(sender.sent()).toEqual([]);
  });
});

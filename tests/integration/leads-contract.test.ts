// Leads over both lead stores, one contract suite: consent (`share:<lender>`) is required and STOP wins,
// a lead carries what the lender may see, the same interest is recorded once, pages follow recording
// order, erasure leaves notices; plus the CSV's quoting and that Redis holds leads only sealed.
import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryConsentLedger } from '../../src/adapters/memory-consent-ledger.js';
import { createMemoryLeadStore } from '../../src/adapters/memory-lead-store.js';
import { createMemoryProfileStore } from '../../src/adapters/memory-profile-store.js';
import { createRedisLeadStore } from '../../src/adapters/redis-lead-store.js';
import { createSealer } from '../../src/adapters/sealer.js';
import { leadsToCsv } from '../../src/campaigns/lead-csv.js';
import { createLeads, type Lead, type LeadStore } from '../../src/campaigns/leads.js';
import type { ProfileRecord } from '../../src/profile/store.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';

const owner = (ownerId: string, name = 'Meena'): ProfileRecord => ({
  ownerId,
  name,
  address: 'whatsapp:+91 98123-45678',
  profile: {
    businessKind: 'tailor',
    place: 'Madurai',
    district: 'Madurai',
    state: 'TN',
    need: 'machinery',
    amount: 150_000,
    gender: 'female',
  },
  lang: 'ta',
  marketingConsent: true,
  updatedAt: 1,
});

function contract(name: string, make: () => { store: LeadStore; done: () => Promise<void> }) {
  describe(name, () => {
    const setup = async () => {
      let now = 1_700_000_000_000;
      const { store, done } = make();
      const consent = createMemoryConsentLedger();
      const profiles = createMemoryProfileStore();
      for (const id of ['o1', 'o2', 'o3']) await profiles.put(owner(id));
      for (const id of ['o1', 'o2'])
        await consent.append(id, { type: 'grant', purpose: 'share:lnd_a', at: 1 });
      const leads = createLeads({ store, consent, profiles, clock: () => (now += 1_000) });
      return { leads, consent, done };
    };

    it('records a lead only with the owner’s consent to share with that lender, and never after STOP', async () => {
      const { leads, consent, done } = await setup();
      expect(await leads.recordLead({ lenderId: 'lnd_b', ownerId: 'o1', at: 5 })).toEqual({
        recorded: false,
        reason: 'no_consent',
      });
      expect(await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o3', at: 5 })).toEqual({
        recorded: false,
        reason: 'no_consent',
      });
      await consent.append('o1', { type: 'withdraw', purpose: 'share:lnd_a', at: 2 });
      expect((await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o1', at: 5 })).recorded).toBe(false);
      await consent.suppress('o2', 3);
      expect(await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o2', at: 5 })).toEqual({
        recorded: false,
        reason: 'suppressed',
      });
      await consent.append('nobody', { type: 'grant', purpose: 'share:lnd_a', at: 1 });
      expect(await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'nobody', at: 5 })).toEqual({
        recorded: false,
        reason: 'unknown_owner',
      });
      expect((await leads.list('lnd_a')).leads).toEqual([]);
      await done();
    });

    it('carries what the lender may see, once per owner, campaign and item', async () => {
      const { leads, done } = await setup();
      const first = await leads.recordLead({
        lenderId: 'lnd_a',
        ownerId: 'o1',
        campaignId: 'c1',
        itemId: 'mudra',
        at: 5,
      });
      if (!first.recorded) throw new Error('not recorded');
      expect(first.lead).toMatchObject({
        lenderId: 'lnd_a',
        ownerId: 'o1',
        campaignId: 'c1',
        itemId: 'mudra',
        at: 5,
        name: 'Meena',
        number: '+919812345678',
        lang: 'ta',
        businessKind: 'tailor',
        place: 'Madurai',
        state: 'TN',
        need: 'machinery',
        amount: 150_000,
      });
      expect(first.lead).not.toHaveProperty('gender');
      const again = await leads.recordLead({
        lenderId: 'lnd_a',
        ownerId: 'o1',
        campaignId: 'c1',
        itemId: 'mudra',
        at: 9,
      });
      expect(again).toEqual(first);
      await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o1', campaignId: 'c2', at: 9 });
      expect((await leads.list('lnd_a')).leads).toHaveLength(2);
      expect(await leads.get('lnd_a', first.lead.id)).toEqual(first.lead);
      expect(await leads.get('lnd_b', first.lead.id)).toBeUndefined();
      await done();
    });

    it('pages in recording order, from a time or a cursor', async () => {
      const { leads, done } = await setup();
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await leads.recordLead({
          lenderId: 'lnd_a',
          ownerId: i % 2 ? 'o1' : 'o2',
          campaignId: `c${i}`,
          at: i,
        });
        if (r.recorded) ids.push(r.lead.id);
      }
      const p1 = await leads.list('lnd_a', { limit: 3 });
      const p2 = await leads.list('lnd_a', { limit: 3, ...(p1.next ? { cursor: p1.next } : {}) });
      const p3 = await leads.list('lnd_a', { limit: 3, ...(p2.next ? { cursor: p2.next } : {}) });
      expect([...p1.leads, ...p2.leads, ...p3.leads].map((l) => l.id)).toEqual(ids);
      expect(p3.next).toBeUndefined();
      const third = (await leads.list('lnd_a')).leads[2] as Lead;
      expect((await leads.list('lnd_a', { since: third.recordedAt })).leads.map((l) => l.id)).toEqual(
        ids.slice(2),
      );
      await done();
    });

    it('lists one owner’s leads for every lender, in recording order, and nobody else’s', async () => {
      const { leads, consent, done } = await setup();
      await consent.append('o1', { type: 'grant', purpose: 'share:lnd_b', at: 1 });
      expect(await leads.leadsOf('o1')).toEqual([]);
      const a = await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o1', itemId: 'mudra', at: 5 });
      const b = await leads.recordLead({ lenderId: 'lnd_b', ownerId: 'o1', at: 6 });
      await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o2', at: 7 });
      if (!a.recorded || !b.recorded) throw new Error('both leads should be recorded');
      expect(await leads.leadsOf('o1')).toEqual([a.lead, b.lead]);
      expect((await leads.leadsOf('o2')).map((l) => l.ownerId)).toEqual(['o2']);
      expect(await leads.leadsOf('o3')).toEqual([]);
      await done();
    });

    it('erases an owner’s leads and tells each lender which', async () => {
      const { leads, consent, done } = await setup();
      await consent.append('o1', { type: 'grant', purpose: 'share:lnd_b', at: 1 });
      const a = await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o1', at: 5 });
      const b = await leads.recordLead({ lenderId: 'lnd_b', ownerId: 'o1', at: 5 });
      const kept = await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o2', at: 5 });
      expect(await leads.deleteLeadsOf('o1')).toBe(2);
      expect(await leads.leadsOf('o1')).toEqual([]);
      expect(await leads.deleteLeadsOf('o1')).toBe(0);
      expect((await leads.erasures('lnd_a')).map((e) => e.leadId)).toEqual([a.recorded ? a.lead.id : '']);
      expect((await leads.erasures('lnd_b')).map((e) => e.leadId)).toEqual([b.recorded ? b.lead.id : '']);
      expect(await leads.erasures('lnd_a', { since: Number.MAX_SAFE_INTEGER })).toEqual([]);
      expect((await leads.list('lnd_a')).leads.map((l) => l.id)).toEqual([kept.recorded ? kept.lead.id : '']);
      expect((await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o1', at: 6 })).recorded).toBe(true);
      await done();
    });

    it('a withdrawal for one lender removes only that lender’s leads of the owner, with a notice to it', async () => {
      const { leads, consent, done } = await setup();
      await consent.append('o1', { type: 'grant', purpose: 'share:lnd_b', at: 1 });
      const a = await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o1', itemId: 'x', at: 5 });
      const a2 = await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o1', itemId: 'y', at: 5 });
      const b = await leads.recordLead({ lenderId: 'lnd_b', ownerId: 'o1', at: 5 });
      const other = await leads.recordLead({ lenderId: 'lnd_a', ownerId: 'o2', at: 5 });
      if (!a.recorded || !a2.recorded || !b.recorded || !other.recorded) throw new Error('all recorded');
      expect(await leads.deleteLeadsOf('o1', 'lnd_a')).toBe(2);
      expect(await leads.leadsOf('o1')).toEqual([b.lead]);
      expect((await leads.erasures('lnd_a')).map((e) => e.leadId).sort()).toEqual([a.lead.id, a2.lead.id].sort());
      expect(await leads.erasures('lnd_b')).toEqual([]);
      expect((await leads.list('lnd_a')).leads.map((l) => l.id)).toEqual([other.lead.id]);
      expect((await leads.list('lnd_b')).leads.map((l) => l.id)).toEqual([b.lead.id]);
      expect(await leads.deleteLeadsOf('o1', 'lnd_a')).toBe(0);
      // A later full erasure still finds the remaining lead through the owner's index.
      expect(await leads.deleteLeadsOf('o1')).toBe(1);
      expect(await leads.leadsOf('o1')).toEqual([]);
      await done();
    });
  });
}

contract('memory lead store', () => ({ store: createMemoryLeadStore(), done: () => Promise.resolve() }));

describeRedis('redis lead store', () => {
  const redis: Redis = connect();
  afterAll(async () => redis.quit());
  const sealer = createSealer(Buffer.alloc(32, 3));
  contract('contract', () => {
    const prefix = testPrefix();
    return { store: createRedisLeadStore({ redis, sealer, prefix }), done: () => cleanup(redis, prefix) };
  });

  it('keeps leads sealed', async () => {
    const prefix = testPrefix();
    const store = createRedisLeadStore({ redis, sealer, prefix });
    const lead: Lead = {
      id: 'ld_000000001abc',
      lenderId: 'lnd_a',
      ownerId: 'o1',
      at: 1,
      recordedAt: 1,
      lang: 'ta',
      name: 'Meena',
      number: '+919812345678',
      place: 'Madurai',
    };
    await store.add(lead);
    const values = await Promise.all(
      (await redis.keys(`${prefix}lead:*`)).map(async (k) =>
        (await redis.type(k)) === 'string' ? redis.get(k) : '',
      ),
    );
    expect(values.join(' ')).not.toMatch(/Meena|9812345678|Madurai/);
    await cleanup(redis, prefix);
  });
});

describe('lead CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas in free text', () => {
    const lead: Lead = {
      id: 'ld_1',
      lenderId: 'lnd_a',
      ownerId: 'o1',
      at: 0,
      recordedAt: 0,
      lang: 'hi',
      name: 'Ravi "Kaka", Sharma',
      place: 'Line\nbreak',
      district: '=HYPERLINK("x")',
      number: '+919812345678',
      amount: 50_000,
    };
    const [header, row, end] = leadsToCsv([lead]).split('\r\n');
    expect(header).toBe(
      'id,recordedAt,at,campaignId,itemId,name,number,lang,businessKind,place,district,state,need,amount',
    );
    expect(end).toBe('');
    expect(leadsToCsv([lead])).toBe(
      `${header}\r\nld_1,1970-01-01T00:00:00.000Z,1970-01-01T00:00:00.000Z,,,"Ravi ""Kaka"", Sharma",+919812345678,hi,,"Line\nbreak","'=HYPERLINK(""x"")",,,50000\r\n`,
    );
    expect(row?.startsWith('ld_1,')).toBe(true);
    expect(leadsToCsv([], false)).toBe('');
  });
});

// No lost messages across crashes: several real server processes (src/main.ts) share one Redis prefix
// behind a test "load balancer"; many owners go through onboarding concurrently while servers are killed
// with SIGKILL at random points. Twilio does not retry a webhook that got no answer, so every message
// that reached a server must be answered exactly once — in the HTTP response or, when the process died
// first, by REST through the real `twilio` client to the fake Twilio API — and no turn may be applied
// twice or lost. A message that never reached a server (connection refused, killed before it was
// recorded) is typed again by the owner, as on WhatsApp. Then the last server is killed right after
// every owner wrote, and a fresh process started: its recovery on start answers what was accepted.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSealer, normalizeAddress } from '../../src/adapters/sealer.js';
import type { ConversationRecord } from '../../src/dialogue/store.js';
import { eventually } from '../support/eventually.js';
import { startFakeTwilioRest, type FakeTwilioRest } from '../support/fake-twilio-rest.js';
import { cleanup, connect, describeRedis, REDIS_URL, testPrefix } from '../support/redis.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { inboundForm, messageSid, messagesOf, sign } from '../support/whatsapp.js';

const PUBLIC = 'https://saathi.test';
const SCRIPT = [
  'Hello',
  'yes',
  'I run a grocery shop',
  'Lucknow',
  '6 years',
  'about 2.5 lakh a month',
  '3',
  'no',
  'yes',
  'I need a new machine',
  '3 lakh',
  'yes',
  'yes please',
];
const OWNERS = 12;
const SERVERS = 4;

interface Turn {
  readonly sid: string;
  readonly via: 'http' | 'rest';
  readonly bodies: readonly string[];
}

interface Owner {
  readonly from: string;
  readonly turns: Turn[];
  retyped: number;
  /** REST messages to this owner already accounted to a turn. */
  restSeen: number;
}

describeRedis('crash recovery with real server processes', () => {
  const redis = connect();
  const prefix = testPrefix();
  const key = randomBytes(32);
  const sealer = createSealer(key);
  let fake: FakeTwilioRest;
  let env: Record<string, string>;
  /** Ready servers (a starting one joins once it answers /readyz). */
  const servers: ServerProcess[] = [];
  const owners = new Map<string, Owner>();

  const post = (server: ServerProcess, form: Record<string, string>) =>
    fetch(`${server.url}/twilio/whatsapp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': sign(fake.authToken, `${PUBLIC}/twilio/whatsapp`, form),
      },
      body: new URLSearchParams(form).toString(),
    });

  const start = async () => {
    const server = await startServer(env);
    await server.ready();
    // Warm it up (lazy loads, JIT) so no first request is slower than the grace period.
    const form = inboundForm({
      from: `whatsapp:+9198443${String(servers.length).padStart(5, '0')}`,
      body: 'Hello',
    });
    expect((await post(server, form)).status).toBe(200);
    servers.push(server);
  };

  beforeAll(async () => {
    fake = await startFakeTwilioRest({ callbacks: { enabled: false } });
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PUBLIC_BASE_URL: PUBLIC,
      REDIS_URL,
      SAATHI_REDIS_PREFIX: prefix,
      SAATHI_DATA_KEY: key.toString('hex'),
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
      TWILIO_API_BASE_URL: fake.url,
      // Longer than any request takes here, even with the rest of the suite running beside it on two
      // cores (a turn that outlived 4 s once made recovery answer it too). In production: Twilio's 15 s.
      SAATHI_INBOX_GRACE_MS: '8000',
      SAATHI_RECOVERY_INTERVAL_MS: '200',
      SAATHI_FLOOD_PER_MINUTE: '1000',
    };
    await Promise.all(Array.from({ length: SERVERS }, start));
    for (let i = 0; i < OWNERS; i++) {
      const from = `whatsapp:+9198444${String(i).padStart(5, '0')}`;
      owners.set(from, { from, turns: [], retyped: 0, restSeen: 0 });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.kill('SIGKILL')));
    await fake.close();
    await cleanup(redis, prefix);
    await redis.quit();
  });

  const live = () => servers.filter((server) => server.alive);
  const restTo = (to: string) =>
    fake.messages.filter((message) => message.to === to).map((message) => message.body ?? '');
  const receipt = async (sid: string) => {
    const sealed = await redis.get(`${prefix}rcpt:${sid}`);
    return sealed === null ? undefined : messagesOf(sealer.open(sealed));
  };

  /** The owner types `text` (again, if it never reached a server) until it is answered, by HTTP or REST. */
  async function say(owner: Owner, text: string, onSent?: () => void): Promise<void> {
    for (;;) {
      await eventually('a live server', () => live().length > 0, 1200, 25);
      const sid = messageSid();
      const form = inboundForm({ from: owner.from, body: text, sid, profileName: 'Ramesh' });
      const targets = live();
      const server = targets[Math.floor(Math.random() * targets.length)]!;
      try {
        const pending = post(server, form);
        onSent?.();
        const res = await pending;
        const xml = await res.text();
        expect(res.status, xml).toBe(200);
        owner.turns.push({ sid, via: 'http', bodies: messagesOf(xml) });
        return;
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
      }
      // The server died with our request. Either it had recorded the message (then a survivor, or the
      // restarted server, answers it by REST) or it had not (nothing happened: the owner types it again).
      let expected: string[] | undefined;
      let lost = false;
      await eventually(
        `outcome of ${sid}`,
        async () => {
          expected = await receipt(sid);
          if (expected === undefined) lost = !(await redis.hexists(`${prefix}inbox:msg`, sid));
          return (
            lost || (expected !== undefined && restTo(owner.from).length >= owner.restSeen + expected.length)
          );
        },
        1200,
        50,
      );
      if (expected !== undefined) {
        const bodies = restTo(owner.from).slice(owner.restSeen, owner.restSeen + expected.length);
        owner.turns.push({ sid, via: 'rest', bodies });
        owner.restSeen += expected.length;
        return;
      }
      owner.retyped++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Every message answered exactly once with its committed answer; every turn applied exactly once. */
  async function verify(messages: number): Promise<void> {
    // Let the servers finish whatever is still in the inbox; after that nothing more may be sent.
    await eventually('inbox drained', async () => (await redis.zcard(`${prefix}inbox:due`)) === 0, 1200, 50);
    try {
      for (const { from, turns } of owners.values()) {
        expect(turns).toHaveLength(messages);
        for (const turn of turns) {
          expect(turn.bodies.length).toBeGreaterThan(0);
          expect(turn.bodies).toEqual(await receipt(turn.sid));
        }
        // No REST message beyond those answering a message whose HTTP answer was lost: no duplicate.
        expect(restTo(from)).toEqual(
          turns.filter((turn) => turn.via === 'rest').flatMap((turn) => turn.bodies),
        );
        const ownerId = sealer.hash(normalizeAddress(from));
        const [version, data] = await redis.hmget(`${prefix}conv:${ownerId}`, 'v', 'd');
        expect(Number(version)).toBe(messages);
        const record = JSON.parse(sealer.open(data!)) as ConversationRecord;
        expect(record.context.profile).toMatchObject({
          businessKind: 'kirana',
          yearsInBusiness: 6,
          monthlySales: 250000,
          workers: 3,
          amount: 300000,
        });
      }
    } catch (error) {
      // The servers' own account (warnings and errors only) explains most failures.
      console.error(
        servers.map((server, i) => `--- server ${i}\n${server.output().slice(-1500)}`).join('\n'),
      );
      throw error;
    }
  }

  const summary = (phase: string, kills: number) => {
    const all = [...owners.values()];
    const rest = all.flatMap((owner) => owner.turns.filter((turn) => turn.via === 'rest')).length;
    const retyped = all.reduce((sum, owner) => sum + owner.retyped, 0);
    console.info(
      `crash-recovery ${phase}: ${OWNERS} owners, ${kills} SIGKILLs, ${rest} answers by REST so far, ${retyped} messages retyped so far`,
    );
  };

  it('answers every message exactly once while servers are killed among several', async () => {
    let running = true;
    let kills = 0;
    const killer = (async () => {
      while (running && kills < SERVERS - 1) {
        await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 500));
        if (!running) break;
        const targets = live();
        await targets[Math.floor(Math.random() * targets.length)]!.kill('SIGKILL');
        kills++;
      }
    })();
    await Promise.all(
      [...owners.values()].map(async (owner) => {
        for (const text of SCRIPT) {
          await say(owner, text);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 250));
        }
      }),
    );
    running = false;
    await killer;
    expect(kills).toBeGreaterThan(0);
    await verify(SCRIPT.length);
    summary('among several', kills);
  }, 120_000);

  it('answers on restart what the only server had accepted when it was killed', async () => {
    for (const server of live().slice(1)) await server.kill('SIGKILL');
    const only = live()[0]!;
    let sent = 0;
    let restarted: Promise<void> | undefined;
    // Every owner writes at once; the only server dies as soon as it holds accepted, unanswered messages.
    const killAfterAll = () => {
      if (++sent < OWNERS) return;
      restarted = (async () => {
        for (let poll = 0; poll < 500 && (await redis.hlen(`${prefix}inbox:msg`)) === 0; poll++);
        await only.kill('SIGKILL');
        await start();
      })();
    };
    await Promise.all([...owners.values()].map((owner) => say(owner, 'menu', killAfterAll)));
    await restarted;
    await verify(SCRIPT.length + 1);
    summary('after a restart', 1);
  }, 120_000);
});

// The recovery loop on real Redis: a message whose webhook answer never left (crash before the turn, or
// after the commit but before the response) is answered by REST exactly once; a turn is never applied
// twice; two recoverers never handle one entry; a REST failure resumes where it stopped.
import { afterAll, describe, expect, it } from 'vitest';
import { createRecordingSender, type RecordingSender } from '../../src/adapters/recording-sender.js';
import { messageBodies, recoverOnce, Settler, type RecoveryDeps } from '../../src/channels/inbox-recovery.js';
import { renderText } from '../../src/channels/render-text.js';
import { SendError, type Sender } from '../../src/channels/sender.js';
import { toTwiml, whatsappRenderer } from '../../src/channels/whatsapp-routes.js';
import { handleInbound, type TurnRenderer } from '../../src/dialogue/engine.js';
import type { Inbox, InboxEntry } from '../../src/dialogue/inbox.js';
import type { InboundEvent } from '../../src/dialogue/types.js';
import type { Runtime } from '../../src/main.js';
import { eventually } from '../support/eventually.js';
import { cleanup, connect, describeRedis, REDIS_URL, testPrefix } from '../support/redis.js';
import { testRuntime } from '../support/runtime.js';
import { messageSid, messagesOf, owner } from '../support/whatsapp.js';

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
const sentTo = (sender: RecordingSender, to: string) =>
  sender
    .sent()
    .flatMap((record) =>
      record.kind === 'message' && record.message.to === to ? [record.message.body] : [],
    );

function inbound(from: string, text: string, at = T0): InboundEvent {
  return { channel: 'whatsapp', messageId: messageSid(), from, text, media: [], receivedAt: new Date(at) };
}

describe('messageBodies', () => {
  it('reads back the bodies of TwiML we rendered, escapes included', () => {
    const bodies = ['a < b & "c"', "it's\n\nfine", ''];
    expect(messageBodies(toTwiml(bodies))).toEqual(bodies);
    expect(messageBodies(toTwiml([]))).toEqual([]);
  });
});

describeRedis('inbox recovery on Redis', () => {
  const redis = connect();
  const prefixes: string[] = [];
  const runtimes: Runtime[] = [];
  afterAll(async () => {
    for (const runtime of runtimes) await runtime.close();
    for (const prefix of prefixes) await cleanup(redis, prefix);
    await redis.quit();
  });

  function setup(options: { sender?: Sender; render?: TurnRenderer; now?: number } = {}) {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const runtime = testRuntime(
      { REDIS_URL, SAATHI_INBOX_GRACE_MS: '1000' },
      { redisPrefix: prefix, clock: () => new Date(T0) },
    );
    runtimes.push(runtime);
    const recording = createRecordingSender();
    const text = { messages: runtime.messages, flow: runtime.engine.flow, item: () => undefined };
    const deps: RecoveryDeps = {
      inbox: runtime.inbox,
      engine: runtime.engine,
      render: options.render ?? whatsappRenderer(text),
      sender: options.sender ?? recording,
      log: runtime.log,
      clock: () => new Date(options.now ?? T0 + 2000),
      leaseMs: 30_000,
    };
    const admit = (event: InboundEvent) =>
      runtime.inbox.admit(
        { ownerId: runtime.engine.ownerId(event.from), inbound: event },
        { now: T0, perMinute: 100, dueAt: T0 + 1000 },
      );
    return { runtime, deps, recording, admit, text };
  }

  it('answers by REST a message whose process died before its turn', async () => {
    const { runtime, deps, recording, admit } = setup();
    const from = 'whatsapp:+919833300001';
    const event = inbound(from, 'नमस्ते');
    await admit(event);
    expect(await recoverOnce(deps)).toEqual({ recovered: 1, failed: 0, expired: 0 });
    const receipt = await runtime.store.receipt(event.messageId);
    expect(receipt).toBeDefined();
    expect(sentTo(recording, from)).toEqual(messagesOf(receipt!));
    expect(await runtime.inbox.pending()).toBe(0);
    expect(await recoverOnce(deps)).toEqual({ recovered: 0, failed: 0, expired: 0 });
    expect(sentTo(recording, from)).toHaveLength(messagesOf(receipt!).length);
  });

  it('sends the committed answer of a turn that died before responding, without running the turn again', async () => {
    const { runtime, deps, recording, admit } = setup();
    const from = 'whatsapp:+919833300002';
    const event = inbound(from, 'hello');
    await admit(event);
    const response = await handleInbound(runtime.engine, event, deps.render);
    expect((await runtime.store.load(runtime.engine.ownerId(from)))?.version).toBe(1);
    await recoverOnce(deps);
    expect(sentTo(recording, from)).toEqual(messagesOf(response));
    expect((await runtime.store.load(runtime.engine.ownerId(from)))?.version).toBe(1);
  });

  it('leaves alone a message answered over HTTP (marked done as the answer left)', async () => {
    const { runtime, deps, recording } = setup();
    const from = 'whatsapp:+919833300003';
    await owner(runtime.app, from)('hello');
    await eventually('entry marked done', async () => (await runtime.inbox.pending()) === 0);
    await recoverOnce({ ...deps, clock: () => new Date(T0 + 3_600_000) });
    expect(sentTo(recording, from)).toEqual([]);
  });

  it('never lets two recoverers answer one message', async () => {
    const { deps, recording, admit } = setup();
    const owners = Array.from({ length: 8 }, (_, i) => `whatsapp:+91983330010${i}`);
    for (const from of owners) await admit(inbound(from, 'hello'));
    const passes = await Promise.all([recoverOnce(deps), recoverOnce(deps), recoverOnce(deps)]);
    expect(passes.reduce((sum, pass) => sum + pass.recovered, 0)).toBe(owners.length);
    const counts = owners.map((from) => sentTo(recording, from).length);
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeGreaterThan(0);
  });

  it('resumes after a failed send with the messages still missing, not from the start', async () => {
    const recording = createRecordingSender();
    let failNext = 0;
    const flaky: Sender = {
      configured: true,
      sendMessage: (message) => {
        if (failNext-- === 1)
          return Promise.reject(new SendError('retryable', 20429, 429, 'too many requests'));
        return recording.sendMessage(message);
      },
      placeCall: (call) => recording.placeCall(call),
    };
    // One <Message> per paragraph, so the first answer has several.
    const { deps, admit, runtime } = setup({ sender: flaky });
    const text = { messages: runtime.messages, flow: runtime.engine.flow, item: () => undefined };
    const render: TurnRenderer = (outcome) =>
      toTwiml(renderText(text, outcome.lang, outcome.replies).flatMap((p) => p.split('\n\n')));
    const from = 'whatsapp:+919833300004';
    const event = inbound(from, 'hello');
    await admit(event);
    failNext = 2; // the second send fails
    expect(await recoverOnce({ ...deps, render })).toEqual({ recovered: 0, failed: 1, expired: 0 });
    expect(sentTo(recording, from)).toHaveLength(1);
    expect(await recoverOnce({ ...deps, render, clock: () => new Date(T0 + 2000 + 30_000) })).toEqual({
      recovered: 1,
      failed: 0,
      expired: 0,
    });
    const all = messagesOf(await runtime.store.receipt(event.messageId).then((r) => r ?? ''));
    expect(all.length).toBeGreaterThan(1);
    expect(sentTo(recording, from)).toEqual(all);
  });

  it('drops entries too old to answer and answers the provider refuses', async () => {
    const refusing: Sender = {
      configured: true,
      sendMessage: () => Promise.reject(new SendError('permanent', 63003, 400, 'invalid To')),
      placeCall: () => Promise.reject(new Error('no calls')),
    };
    const { deps, admit, runtime } = setup({ sender: refusing });
    await admit(inbound('whatsapp:+919833300005', 'hello'));
    expect(await recoverOnce(deps)).toEqual({ recovered: 0, failed: 1, expired: 0 });
    await admit(inbound('whatsapp:+919833300006', 'hello'));
    expect(await recoverOnce({ ...deps, clock: () => new Date(T0 + 25 * 3600_000) })).toEqual({
      recovered: 0,
      failed: 0,
      expired: 1,
    });
    expect(await runtime.inbox.pending()).toBe(0);
  });
});

describe('Settler', () => {
  it('retries marking done until the inbox takes it', async () => {
    let refuse = true;
    const doneIds: string[] = [];
    const inbox: Pick<Inbox, 'done'> = {
      done: (id) =>
        refuse ? Promise.reject(new Error('redis away')) : (doneIds.push(id), Promise.resolve()),
    };
    const settler = new Settler(inbox as Inbox, { warn: () => undefined });
    settler.settle('SM1');
    await new Promise((resolve) => setImmediate(resolve));
    await expect(settler.flush()).rejects.toThrow('redis away');
    refuse = false;
    await settler.flush();
    expect(doneIds).toEqual(['SM1']);
    await settler.flush();
    expect(doneIds).toEqual(['SM1']);
  });
});

export type { InboxEntry };

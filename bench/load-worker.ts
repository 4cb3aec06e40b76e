// Runs a load in a worker thread, so the client's own work (signing, fetch) does not share the server's
// event loop: the server under test gets the main thread to itself.
import { randomBytes } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import twilio from 'twilio';
import { runLoad } from './load.js';

export interface LoadJob {
  readonly port: number;
  readonly requests: number;
  readonly owners: number;
  readonly token: string;
  readonly base: string;
  readonly conversation: readonly string[];
  /** Distinguishes the owners of one run from another's. */
  readonly run: number;
}

const job = workerData as LoadJob;
if (job.owners > 100) throw new RangeError('the load worker numbers at most 100 concurrent owners');
/**
 * A number no other load of this process used: 9, the run (2 digits), the worker (2), the owner's round (5).
 * (With the run as one digit, the 11th load reused the 1st one's owners; when both fell in the same clock
 * minute, those owners hit the per-number flood limit and their answers counted as errors.)
 */
const owner = (worker: number, round: number) =>
  `whatsapp:+919${String(job.run % 100).padStart(2, '0')}${String(worker % 100).padStart(2, '0')}${String(round).padStart(5, '0')}`;

const result = await runLoad(job.owners, job.requests, (worker, index) => {
  const round = Math.floor(index / job.conversation.length);
  const form: Record<string, string> = {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: `AC${'0'.repeat(32)}`,
    From: owner(worker, round),
    To: 'whatsapp:+14155238886',
    Body: job.conversation[index % job.conversation.length]!,
    NumMedia: '0',
    ProfileName: 'Bench',
  };
  return {
    url: `http://127.0.0.1:${job.port}/twilio/whatsapp`,
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(job.token, `${job.base}/twilio/whatsapp`, form),
    },
    body: new URLSearchParams(form).toString(),
    ok: (status: number, body: string) => status === 200 && body.includes('<Message>'),
  };
});
parentPort?.postMessage(result);

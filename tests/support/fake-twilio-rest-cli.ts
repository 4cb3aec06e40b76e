// Runs the fake Twilio REST API in its own process, so a benchmark's sending process does not share its
// CPU with the fake: `tsx tests/support/fake-twilio-rest-cli.ts [--latency=MS] [--callbacks] [--records]`.
// Prints one JSON line `{url, accountSid, authToken}`; `GET {url}/__fake/stats` gives the counters
// (`totals`, `duplicates`), `POST {url}/__fake/reset` clears them. Stops on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { startFakeTwilioRest } from './fake-twilio-rest.js';

const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '0' },
    callbacks: { type: 'boolean', default: false },
    records: { type: 'boolean', default: false },
  },
});

const fake = await startFakeTwilioRest({
  latencyMs: Number(values.latency),
  callbacks: { enabled: values.callbacks },
  keepRecords: values.records,
});
process.stdout.write(
  `${JSON.stringify({ url: fake.url, accountSid: fake.accountSid, authToken: fake.authToken })}\n`,
);

const stop = () => void fake.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

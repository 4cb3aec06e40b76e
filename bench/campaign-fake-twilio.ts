// The fake Twilio REST API in a child process for bench/campaigns.ts (as Twilio would be: not on the
// workers' CPU). Talks over IPC: sends `{url}` when listening; answers 'report' with its totals and the
// number of `To`s accepted more than once; exits on 'close'.
import { startFakeTwilioRest } from '../tests/support/fake-twilio-rest.js';

const fake = await startFakeTwilioRest({ keepRecords: false, callbacks: { enabled: false } });
process.send?.({ url: fake.url });
process.on('message', (message) => {
  if (message === 'report') process.send?.({ totals: fake.totals, duplicates: fake.duplicates().length });
  if (message === 'close') void fake.close().finally(() => process.exit(0));
});

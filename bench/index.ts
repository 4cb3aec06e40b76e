// `npm run bench`: prints the figures the issues ask for. Webhook throughput ratio and latency (Redis when
// REDIS_URL or a local Redis answers), and the language detector's accuracy and speed.
import { benchWebhook } from './webhook.js';
import { benchLangid } from './langid.js';
import { benchRanking } from './ranking.js';

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

console.log('== WhatsApp webhook: full path vs minimal Express handler (same run, loopback)');
const web = await benchWebhook({ redisUrl });
console.log(`store: ${web.store}`);
console.log(`minimal handler : ${fmt(web.baseline.perSecond)} req/s  p50 ${fmt(web.baseline.p50Ms, 2)} ms  p99 ${fmt(web.baseline.p99Ms, 2)} ms  errors ${web.baseline.errors}`);
console.log(`full path       : ${fmt(web.full.perSecond)} req/s  p50 ${fmt(web.full.p50Ms, 2)} ms  p99 ${fmt(web.full.p99Ms, 2)} ms  errors ${web.full.errors}`);
console.log(`throughput ratio: ${fmt(web.ratio, 2)} (target ≥ 0.5 with Redis)`);

console.log('\n== Language detector');
await benchLangid();

console.log('\n== Ranking: offline simulation of owners with hidden preferences (bench/simulation/README.md)');
await benchRanking();

// Operator views of campaigns for the CLI: `npm run lender -- watch CAMPAIGN` follows one campaign with
// a live progress bar until it finishes; `npm run lender -- campaigns LENDER` lists a lender's campaigns.
import type { Campaign, CampaignState } from './campaign.js';
import { settled, type CampaignCounters, type CampaignStore } from './store.js';

const int = (n: number) => n.toLocaleString('en-IN');

/** `[██████░░░░]  60%  600/1,000` */
export function progressBar(done: number, total: number, width = 30): string {
  const share = total <= 0 ? 0 : Math.min(1, done / total);
  const full = Math.round(share * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${int(done)}/${int(total)}`;
}

const breakdown = (by: Readonly<Record<string, number>>) =>
  Object.entries(by)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, n]) => `${reason} ${int(n)}`)
    .join(', ');

/** One status line (and the reasons, when there are any). */
export function progressLine(
  state: CampaignState | undefined,
  c: CampaignCounters,
  perSecond?: number,
): string {
  const lines = [
    `${progressBar(settled(c), c.queued)}${c.fanoutDone ? '' : ' (still queuing)'}  ${state ?? 'unknown'}` +
      (perSecond === undefined ? '' : `  ${perSecond.toFixed(1)}/s`),
    `  sent ${int(c.sent)}  delivered ${int(c.delivered)}  read ${int(c.read)}  failed ${int(c.failed)}  skipped ${int(c.skipped)}` +
      `  unknown ${int(c.unknown)}  replied ${int(c.replied)}  interested ${int(c.interested)}  opted out ${int(c.optedOut)}`,
  ];
  if (c.skipped > 0) lines.push(`  skipped: ${breakdown(c.skippedBy)}`);
  if (c.failed > 0) lines.push(`  failed: ${breakdown(c.failedBy)}`);
  return lines.join('\n');
}

export interface WatchOptions {
  readonly store: CampaignStore;
  readonly campaignId: string;
  readonly write?: (text: string) => void;
  readonly intervalMs?: number;
  /** Redraw in place (a terminal) or print a line per update (a log). */
  readonly inPlace?: boolean;
  readonly signal?: AbortSignal;
}

/** Prints progress until the campaign completes or is cancelled (or `signal` aborts); returns the last counters. */
export async function watchCampaign(options: WatchOptions): Promise<CampaignCounters | undefined> {
  const {
    store,
    campaignId,
    write = (text) => process.stdout.write(text),
    intervalMs = 1_000,
    inPlace = false,
    signal,
  } = options;
  const campaign = await store.get(campaignId);
  if (campaign === undefined) {
    write(`No campaign ${campaignId}.\n`);
    return undefined;
  }
  write(`${campaign.name} (${campaign.channel}, lender ${campaign.lenderId})\n`);
  let previous: { sent: number; at: number } | undefined;
  let drawn = 0;
  for (;;) {
    const [state, counters] = await Promise.all([store.state(campaignId), store.counters(campaignId)]);
    const now = Date.now();
    const rate =
      previous === undefined
        ? undefined
        : ((counters.sent - previous.sent) * 1000) / Math.max(1, now - previous.at);
    previous = { sent: counters.sent, at: now };
    const text = progressLine(state, counters, rate);
    if (inPlace && drawn > 0) write(`\x1b[${drawn}A\x1b[J`);
    write(`${text}\n`);
    drawn = text.split('\n').length;
    if (state === 'completed' || state === 'cancelled' || signal?.aborted === true) return counters;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A lender's campaigns, newest first, as a table. */
export async function listCampaigns(store: CampaignStore, lenderId: string): Promise<string> {
  const campaigns = await store.listByLender(lenderId);
  if (campaigns.length === 0) return `Lender ${lenderId} has no campaigns.\n`;
  const rows = await Promise.all(
    campaigns.map(async (campaign: Campaign) => {
      const [state, c] = await Promise.all([store.state(campaign.id), store.counters(campaign.id)]);
      return [
        campaign.id,
        campaign.name.slice(0, 30),
        campaign.channel,
        state ?? '?',
        new Date(campaign.schedule.start).toISOString().slice(0, 16),
        int(c.queued),
        int(c.sent),
        int(c.delivered),
        int(c.failed),
        int(c.skipped),
        int(c.replied),
      ];
    }),
  );
  const header = [
    'id',
    'name',
    'channel',
    'state',
    'start (UTC)',
    'queued',
    'sent',
    'delivered',
    'failed',
    'skipped',
    'replied',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

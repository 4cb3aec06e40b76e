// The text a campaign call speaks, for the voice IVR (`/twilio/voice?campaign=<id>`): the approved
// message in the callee's language, or undefined when there is none (the IVR then hangs up politely).
import type { Lang } from '../language/langs.js';
import { approvedText } from './campaign.js';
import type { CampaignStore } from './store.js';

export async function campaignVoiceMessage(
  deps: { readonly store: Pick<CampaignStore, 'get'> },
  campaignId: string,
  lang: Lang,
): Promise<string | undefined> {
  const campaign = await deps.store.get(campaignId);
  if (campaign?.channel !== 'voice') return undefined;
  return approvedText(campaign, lang);
}

// Static voice prompts rendered ahead of time for the languages Twilio cannot <Say> (Odia, Urdu) but the
// text-to-speech provider can: the language-menu option and every fixed voice, question and choice
// prompt, built with the same functions the calls use, so the cached audio is the audio a call plays.
import type { Flow } from '../dialogue/flow.js';
import type { Messages } from '../i18n/messages.js';
import type { Lang } from '../language/langs.js';
import type { SynthesisRequest } from '../language/tts/port.js';
import { VOICE } from '../language/voices.js';
import { choicesFor, questionState } from '../dialogue/choices.js';
import { languageMenu, renderVoice, say, type VoiceRenderDeps } from './render-voice.js';

/** States a call enters with a fixed prompt, and that prompt's key. */
function entryPrompts(flow: Flow): [string, string][] {
  return [
    ['consent', 'consent.notice'],
    ['declined', 'declined'],
    ['menu', 'menu'],
    ['summary', 'summary.confirm'],
    ['marketingAsk', 'marketing.ask'],
    ['confirmDelete', 'delete.confirm'],
    ...flow.questions.map((q): [string, string] => [questionState(q.id), q.prompt]),
  ];
}
import type { TextRenderDeps } from './render-text.js';

/** Message keys a call speaks without parameters: voice prompts, questions and their choices. */
function staticKeys(flow: Flow, english: Readonly<Record<string, string>>): string[] {
  const keys = new Set<string>();
  for (const [key, text] of Object.entries(english))
    if (key.startsWith('voice.') && !text.includes('{')) keys.add(key);
  for (const question of flow.questions) {
    keys.add(question.prompt);
    keys.add(question.retry);
    for (const choice of question.choices) keys.add(choice.label);
  }
  return [...keys].filter((key) => english[key] !== undefined && !english[key].includes('{'));
}

/**
 * Every static prompt in `langs` that has no <Say> voice, as synthesis requests (WAV, as calls use).
 * `english` is locales/en.json (the keys that exist).
 */
export function staticVoicePrompts(
  text: TextRenderDeps & { readonly messages: Messages },
  english: Readonly<Record<string, string>>,
  langs: readonly Lang[],
): SynthesisRequest[] {
  const needed = langs.filter((lang) => VOICE[lang].sayVoice === undefined);
  const render: VoiceRenderDeps = { ...text, speakable: () => true, whatsapp: true };
  const requests = new Map<string, SynthesisRequest>();
  const add = (segment: { text: string; lang: Lang }) => {
    if (segment.text.trim() !== '')
      requests.set(`${segment.lang}\u0000${segment.text}`, {
        text: segment.text,
        lang: segment.lang,
        format: 'wav',
      });
  };
  for (const segment of languageMenu(render, needed)) add(segment);
  for (const lang of needed) {
    for (const key of staticKeys(text.flow, english)) add(say(render, lang, { key }));
    // Each state's entry prompt with its "press 1 for …" options, exactly as a call renders it.
    for (const [state, key] of entryPrompts(text.flow)) {
      const choices = choicesFor(state, { consent: 'granted' }, text.flow);
      const outcome = { lang, state, replies: [{ type: 'text' as const, msg: { key }, choices }] };
      for (const segment of renderVoice(render, outcome).segments) add(segment);
    }
  }
  return [...requests.values()];
}

// The HTTP client handed to the `twilio` library: its own RequestClient with keep-alive agents sized for
// campaign throughput, no automatic retries (callers own every retry, so rate limits stay honest), and,
// when a base URL is given (TWILIO_API_BASE_URL, e.g. a local fake), every REST call rerouted to it.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type * as TwilioResponse from 'twilio/lib/http/response.js';

export interface TwilioHttpClientOptions {
  /** e.g. `http://127.0.0.1:4010`; replaces `https://api.twilio.com` (scheme, host and port). */
  readonly baseUrl?: string | undefined;
  readonly timeoutMs: number;
  /** Concurrent connections to Twilio (or the fake). */
  readonly maxSockets?: number;
}

export class TwilioHttpClient extends twilio.RequestClient {
  readonly #baseUrl: string | undefined;
  readonly #agents: readonly (HttpAgent | HttpsAgent)[];

  constructor({ baseUrl, timeoutMs, maxSockets = 64 }: TwilioHttpClientOptions) {
    super({
      timeout: timeoutMs,
      keepAlive: true,
      autoRetry: false,
      maxSockets,
      maxTotalSockets: maxSockets,
      maxFreeSockets: maxSockets,
    });
    this.#baseUrl = baseUrl?.replace(/\/+$/, '');
    const agentOptions = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets };
    const http = new HttpAgent(agentOptions);
    const https = new HttpsAgent(agentOptions);
    this.axios.defaults.httpAgent = http;
    this.axios.defaults.httpsAgent = https;
    this.#agents = [http, https];
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse.default<TData>> {
    const uri = this.#baseUrl === undefined ? opts.uri : rewriteBase(opts.uri, this.#baseUrl);
    return super.request({ ...opts, uri });
  }

  /** Closes the pooled connections (the client stays usable and reconnects on the next request). */
  destroy(): void {
    for (const agent of this.#agents) agent.destroy();
  }
}

/** `https://api.twilio.com/2010-04-01/…` → `${baseUrl}/2010-04-01/…` (any Twilio host, edge or region). */
export function rewriteBase(uri: string, baseUrl: string): string {
  const match = /^https?:\/\/[^/]+/.exec(uri);
  return match ? baseUrl + uri.slice(match[0].length) : uri;
}

// Fault injection for the fake Twilio REST API: rules that make chosen requests fail the way Twilio (or
// the network) fails — an HTTP error with Twilio's JSON body, a hang (the client times out) or a
// connection reset. Rules match one recipient (`To`) or the next N requests.

export type Resource = 'Messages' | 'Calls';

/**
 * `429`, `500`, `503`…: that HTTP status with Twilio's code for it (20429, 20500, 20503).
 * `21610`, `63003`…: that Twilio error code (HTTP 400; 63018 and 20429 answer 429).
 * `{status, code, message}`: exactly that; `{status, body}`: that raw body (e.g. a proxy's HTML page).
 * `'hang'`: never answer. `'reset'`: reset the connection.
 */
export type Fault =
  | number
  | 'hang'
  | 'reset'
  | { readonly status: number; readonly code?: number; readonly message?: string; readonly body?: string };

export interface HttpFault {
  readonly type: 'http';
  readonly status: number;
  readonly code: number;
  readonly message: string;
  /** Raw body instead of Twilio's JSON error. */
  readonly body?: string;
}

export type ResolvedFault = HttpFault | { readonly type: 'hang' } | { readonly type: 'reset' };

const MESSAGES: Readonly<Record<number, string>> = {
  20003: 'Authenticate',
  20404: 'The requested resource was not found',
  20429: 'Too Many Requests',
  20500: 'Internal Server Error',
  20503: 'Service Unavailable',
  21211: "The 'To' number is not a valid phone number.",
  21610: 'Attempt to send to unsubscribed recipient',
  21614: "'To' number is not a valid mobile number",
  63003: 'Channel could not find To address',
  63014: 'Channel did not deliver the message: the recipient has blocked this business',
  63016: 'Failed to send freeform message because you are outside the allowed window. Please use a Template.',
  63018: 'Rate limit exceeded for Channel',
  63021: 'Channel invalid content error',
  63024: 'Invalid message recipient',
};

const CODE_FOR_STATUS: Readonly<Record<number, number>> = {
  401: 20003,
  404: 20404,
  429: 20429,
  500: 20500,
  503: 20503,
};

const STATUS_FOR_CODE: Readonly<Record<number, number>> = {
  20003: 401,
  20404: 404,
  20429: 429,
  63018: 429,
  20500: 500,
  20503: 503,
};

export function twilioMessage(code: number): string {
  return MESSAGES[code] ?? `Twilio error ${code}`;
}

export function resolveFault(fault: Fault): ResolvedFault {
  if (fault === 'hang' || fault === 'reset') return { type: fault };
  if (typeof fault === 'number') {
    if (fault < 1000) {
      const code = CODE_FOR_STATUS[fault] ?? fault;
      return { type: 'http', status: fault, code, message: twilioMessage(code) };
    }
    return {
      type: 'http',
      status: STATUS_FOR_CODE[fault] ?? 400,
      code: fault,
      message: twilioMessage(fault),
    };
  }
  const code = fault.code ?? CODE_FOR_STATUS[fault.status] ?? fault.status;
  const message = fault.message ?? twilioMessage(code);
  return {
    type: 'http',
    status: fault.status,
    code,
    message,
    ...(fault.body !== undefined ? { body: fault.body } : {}),
  };
}

interface Rule {
  readonly fault: ResolvedFault;
  remaining: number;
  readonly resource: Resource | undefined;
}

/** Per-recipient rules first, then the next-N queue; each match uses up one of the rule's times. */
export class FaultRules {
  #byTo = new Map<string, Rule>();
  #next: Rule[] = [];

  forRecipient(to: string, fault: Fault, times = Infinity, resource?: Resource): void {
    this.#byTo.set(to, { fault: resolveFault(fault), remaining: times, resource });
  }

  nextRequests(count: number, fault: Fault, resource?: Resource): void {
    this.#next.push({ fault: resolveFault(fault), remaining: count, resource });
  }

  /** The fault for this request, if any, using it up. */
  take(resource: Resource, to: string): ResolvedFault | undefined {
    if (this.#byTo.size > 0) {
      const rule = this.#byTo.get(to);
      if (rule && (rule.resource === undefined || rule.resource === resource)) {
        if (--rule.remaining <= 0) this.#byTo.delete(to);
        return rule.fault;
      }
    }
    const index = this.#next.findIndex((rule) => rule.resource === undefined || rule.resource === resource);
    const rule = this.#next[index];
    if (rule === undefined) return undefined;
    if (--rule.remaining <= 0) this.#next.splice(index, 1);
    return rule.fault;
  }

  clear(): void {
    this.#byTo.clear();
    this.#next = [];
  }
}

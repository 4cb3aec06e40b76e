// The HTTP app: Twilio webhooks (signed), health, readiness and metrics. Built from ready-made parts;
// main.ts (the composition root) decides which adapters those are.
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import { twilioSignature } from './channels/twilio-signature.js';
import { whatsappHandlers, type WhatsAppRouteDeps } from './channels/whatsapp-routes.js';
import { voiceRoutes, type VoiceRouteDeps } from './channels/voice-routes.js';

export interface AppDeps extends WhatsAppRouteDeps {
  /** The voice IVR (/twilio/voice…); absent, calls get 404. */
  readonly voice?: VoiceRouteDeps;
  readonly twilioAuthToken: string | undefined;
  readonly publicBaseUrl: string | undefined;
  readonly maxBodyBytes: number;
  /** The lender API (campaigns/api.ts), mounted at /api/v1. */
  readonly api?: Router;
  /** The operator's admin API (admin/routes.ts), mounted at /admin/v1; absent (no token), 404. */
  readonly admin?: Router;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Webhook answers are never cached: skip hashing every body for an ETag.
  app.set('etag', false);
  app.set('trust proxy', true);

  app.use((req, res, next) => {
    const stop = deps.metrics.latency.startTimer();
    res.on('finish', () => {
      const route = req.route ? `${req.baseUrl}${String((req.route as { path: string }).path)}` : 'unmatched';
      stop({ route });
      deps.metrics.requests.inc({ route, status: String(res.statusCode) });
    });
    next();
  });

  // Every /twilio request: its form body parsed, then its signature checked (before anything is read).
  const twilioForm = express.urlencoded({
    extended: false,
    limit: deps.maxBodyBytes,
    parameterLimit: 200,
  });
  const twilioAuth = twilioSignature({
    authToken: deps.twilioAuthToken,
    publicBaseUrl: deps.publicBaseUrl,
    onRejected: (reason) => {
      deps.metrics.errors.inc({ kind: 'bad_signature' });
      deps.log.warn({ reason }, 'rejected Twilio request');
    },
  });
  // The WhatsApp webhooks first, as plain routes: they carry nearly all the traffic, and each layer a
  // request passes on its way costs a path match.
  const whatsapp = whatsappHandlers(deps);
  app.post('/twilio/whatsapp', twilioForm, twilioAuth, whatsapp.inbound);
  app.post('/twilio/whatsapp/status', twilioForm, twilioAuth, whatsapp.status);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.engine.store.ping();
      res.json({ status: 'ready' });
    } catch (error) {
      deps.log.warn({ err: error }, 'not ready: store unreachable');
      res.status(503).json({ status: 'unready', reason: 'store unreachable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  app.use('/twilio', twilioForm, twilioAuth);
  if (deps.api) app.use('/api/v1', deps.api);
  if (deps.admin) app.use('/admin/v1', deps.admin);
  if (deps.voice) app.use(voiceRoutes(deps.voice));

  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  const onError: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, _next) => {
    if (error.type === 'entity.too.large' || error.status === 413) {
      res.status(413).type('text/plain').send('Payload too large');
      return;
    }
    if (error.status !== undefined && error.status >= 400 && error.status < 500) {
      res.status(error.status).type('text/plain').send('Bad request');
      return;
    }
    deps.metrics.errors.inc({ kind: 'http' });
    deps.log.error({ err: error }, 'unhandled HTTP error');
    res.status(500).type('text/plain').send('Internal error');
  };
  app.use(onError);
  return app;
}

// A private redis-server on a random free port, for tests that stop and restart Redis (never the shared
// one on 6379). Data is kept in a temporary directory with an fsync'd append-only file, so a restart —
// even after SIGKILL — finds what was committed, like a managed Redis would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  /** Starts (or restarts) the server and resolves once it answers PING. */
  start(): Promise<void>;
  /** Stops it with the given signal and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
}

async function waitForPing(url: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const probe = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      probe.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server at ${url} did not come up`);
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'saathi-redis-'));
  let child: ChildProcess | undefined;
  const server: PrivateRedis = {
    port,
    url,
    async start() {
      if (child) return;
      const args = [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        dir,
        '--daemonize',
        'no',
      ];
      const started = spawn('redis-server', args, { stdio: 'ignore' });
      child = started;
      started.once('exit', () => {
        if (child === started) child = undefined;
      });
      await waitForPing(url);
    },
    async stop(signal: NodeJS.Signals = 'SIGKILL') {
      const running = child;
      if (!running) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill(signal);
      await exited;
      child = undefined;
    },
    async destroy() {
      await server.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

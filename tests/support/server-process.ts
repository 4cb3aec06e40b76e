// The real server (src/main.ts under the tsx loader) as a child process on a free port, for tests that
// kill it mid-request. Keeps the tail of its output for error messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.js';
import { freePort } from './redis-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly alive: boolean;
  /** Resolves once /readyz answers 200. */
  ready(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  output(): string;
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let tail = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  return {
    url,
    get alive() {
      return !exited;
    },
    async ready() {
      await eventually(
        `server on ${url} ready (output: ${tail.slice(-500)})`,
        async () => {
          if (exited) throw new Error(`server exited: ${tail}`);
          return fetch(`${url}/readyz`).then(
            (res) => res.status === 200,
            () => false,
          );
        },
        1200,
        50,
      );
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (!exited) child.kill(signal);
      await exit;
    },
    output: () => tail,
  };
}

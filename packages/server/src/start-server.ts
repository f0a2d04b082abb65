import { createServer, type ListenOptions, type RunningServer } from './create-server.js';
import type { ServerOptions } from './server-options.js';

/**
 * Options of {@link startServer}: the server's options plus where to listen.
 *
 * @example
 * ```ts
 * import type { StartServerOptions } from '@vigil/server';
 *
 * const options: StartServerOptions = {
 *   database: './vigil.db',
 *   keys: [{ key: 'lab-secret-1', organization: 'organization--lab', role: 'admin' }],
 *   port: 8080,
 * };
 * ```
 */
export interface StartServerOptions extends ServerOptions, ListenOptions {
  /** Aborting it closes the server (for example on SIGINT in a CLI). */
  signal?: AbortSignal | undefined;
}

/**
 * Creates the registry and starts listening in one call: what the `vigil` CLI runs. The database is
 * created and migrated if needed.
 *
 * @param options - {@link ServerOptions} plus `port` (default `0`, a free port), `host` (default
 *   `127.0.0.1`) and an optional `signal` that closes the server.
 * @returns The running server: its `url` and `close()`.
 * @throws `VigilError` (from `@vigil/core`) `INVALID_INPUT` on bad options; the listen error (e.g. `EADDRINUSE`) as is.
 *
 * @example
 * ```ts
 * import { startServer } from '@vigil/server';
 *
 * const controller = new AbortController();
 * process.once('SIGINT', () => controller.abort());
 * const { url } = await startServer({
 *   database: './vigil.db',
 *   keys: [{ key: 'lab-secret-1', organization: 'organization--lab', role: 'admin' }],
 *   port: 8080,
 *   signal: controller.signal,
 * });
 * console.log(`Vigil registry on ${url}/taxii2/`);
 * ```
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { port, host, signal, ...serverOptions } = options;
  const server = createServer(serverOptions);
  let running: RunningServer;
  try {
    running = await server.listen({
      ...(port === undefined ? {} : { port }),
      ...(host === undefined ? {} : { host }),
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  if (signal !== undefined) {
    if (signal.aborted) await running.close();
    else signal.addEventListener('abort', () => void running.close(), { once: true });
  }
  return running;
}

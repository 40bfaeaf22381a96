/**
 * The production server as one object that owns everything it runs: the
 * services (outbox, guard, dispatcher, search index; start-services.ts),
 * started before it listens, and the HTTP server around the built Astro
 * handler. `stop()` takes them down in order: stop accepting connections,
 * finish the requests in flight (an accepted comment is committed before its
 * answer is sent), let the dispatcher finish its request or give back its
 * claim, then close the outbox.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Config } from '../lib/config/settings.ts';
import type { DispatchEvent } from '../lib/comments/dispatcher.ts';
import { STATIC_PAGE_HEADERS } from '../lib/security/headers.ts';
import { startServices, type StartedServices } from './start-services.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The built server entry (dist/server/entry.mjs) in the adapter's standalone mode. */
interface BuiltEntry {
  handler: Handler;
}

export interface RunningServer {
  server: Server;
  services: StartedServices['services'];
  /** `http://host:port` as it listens. */
  url: string;
  /** Stops in order; requests still running after `graceMs` (default 10 s) are cut. */
  stop(graceMs?: number): Promise<void>;
}

export interface ServerOptions {
  /** URL of the built entry module. */
  entry: URL;
  onDispatch?: (event: DispatchEvent) => void;
}

export async function createServer(config: Config, options: ServerOptions): Promise<RunningServer> {
  const started = await startServices(config, { onDispatch: options.onDispatch });
  let server: Server;
  try {
    // The entry would start its own server on import unless told not to; this one owns the socket.
    process.env.ASTRO_NODE_AUTOSTART = 'disabled';
    const { handler } = (await import(options.entry.href)) as BuiltEntry;
    const listener: Handler = (req, res) => {
      withStaticPageHeaders(res);
      handler(req, res);
    };
    const { tls } = config.server;
    server = tls ? createHttpsServer({ key: readFileSync(tls.keyPath), cert: readFileSync(tls.certPath) }, listener) : createHttpServer(listener);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.server.port, config.server.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await started.stop();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let stopping: Promise<void> | undefined;
  return {
    server,
    services: started.services,
    url: `${config.server.tls ? 'https' : 'http'}://${host}:${address.port}`,
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        await closed;
        clearTimeout(cut);
        await started.stop();
      })();
      return stopping;
    },
  };
}

/**
 * Prerendered pages are files the adapter sends without the middleware; their
 * <meta> policy carries the script hashes, and the headers add what a <meta>
 * cannot say (frame-ancestors). A response that already has a policy (every
 * on-demand one) is left alone.
 */
function withStaticPageHeaders(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    const given = args.find((arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg)) as Record<string, unknown> | undefined;
    const header = (name: string) => res.getHeader(name) ?? Object.entries(given ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
    if (String(header('content-type') ?? '').startsWith('text/html') && header('content-security-policy') === undefined) {
      for (const [name, value] of Object.entries(STATIC_PAGE_HEADERS)) if (header(name) === undefined) res.setHeader(name, value);
    }
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

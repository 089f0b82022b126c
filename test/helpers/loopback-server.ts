import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server on 127.0.0.1 for fetch tests (no test touches the network). */
export interface LoopbackServer {
  /** "http://127.0.0.1:<port>", without a trailing slash. */
  base: string;
  /** Drops open connections (a handler may never answer) and stops listening. */
  close(): Promise<void>;
}

/** Starts an HTTP server with `handler` on a free loopback port. */
export async function startLoopbackServer(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

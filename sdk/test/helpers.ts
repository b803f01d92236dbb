import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export type Handler = (req: IncomingMessage, res: ServerResponse, index: number) => void;

/** A tiny local API: answers each request with `handler` and records what it received. */
export async function startServer(handler: Handler) {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res, requests.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const problem = status >= 400;
  res.writeHead(status, {
    'Content-Type': problem ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

export function problem(status: number, code: string, detail?: string) {
  return { type: 'about:blank', title: code, status, code, ...(detail ? { detail } : {}), instance: `req-${status}` };
}

/**
 * A TLS-terminating reverse proxy in front of a Safe Share instance, as production runs it (docs/
 * operations.md): https on its own port with the test CA's certificate, plain http to the instance, with
 * X-Forwarded-Proto, -Host and -For set and whatever the client sent of them replaced.
 */
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';

export interface HttpsProxy {
  /** `https://127.0.0.1:<port>`. */
  readonly origin: string;
  close(): Promise<void>;
}

export async function startHttpsProxy(
  target: { host: string; port: number },
  tls: { cert: string; key: string },
): Promise<HttpsProxy> {
  const server: Server = createServer(tls, (incoming, outgoing) => {
    const headers = { ...incoming.headers };
    headers['x-forwarded-proto'] = 'https';
    headers['x-forwarded-host'] = incoming.headers.host ?? '';
    headers['x-forwarded-for'] = incoming.socket.remoteAddress ?? '';
    const forwarded = httpRequest(
      { host: target.host, port: target.port, method: incoming.method, path: incoming.url, headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => {
      outgoing.statusCode = 502;
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    origin: `https://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

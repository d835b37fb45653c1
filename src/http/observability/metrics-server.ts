/**
 * `/metrics` on a port of its own (METRICS_PORT), so the scrape endpoint need not be reachable where the
 * users are: the reverse proxy forwards PORT only, and the monitoring reaches METRICS_PORT. A plain Node
 * server with one route; the app's own port then answers `/metrics` with 404.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppMetrics } from './metrics.ts';

export interface MetricsServer {
  /** The port it listens on (the one asked for, or the one picked for 0). */
  readonly port: number;
  close(): Promise<void>;
}

function answer(metrics: AppMetrics, server: Server): void {
  server.on('request', (request, response) => {
    const path = request.url?.split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    metrics.render().then(
      ({ contentType, body }) =>
        response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
      () => response.writeHead(500).end(),
    );
  });
}

/**
 * Listens on `host`:`port` and serves `GET /metrics` from `metrics`.
 * @example const server = await startMetricsServer(app.metrics, { host: config.host, port: config.metricsPort });
 */
export async function startMetricsServer(
  metrics: AppMetrics,
  options: { host: string; port: number },
): Promise<MetricsServer> {
  // Not imported: an ES import of node:http loads Node's bundled undici (see framework-errors.ts).
  const server = process.getBuiltinModule('node:http').createServer();
  answer(metrics, server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Reference (a): what HTTP alone costs here. A bare Fastify app (no hooks, no logging, no database) whose
 * one POST route parses a JSON body and answers a JSON body of BODY_BYTES, the size of an open's answer.
 * Run as a child process by bench/run.ts; prints one JSON "listening" line with its origin.
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

const bodyBytes = Number(process.env.BODY_BYTES ?? '1500');
const answer = JSON.stringify({ data: 'x'.repeat(Math.max(0, bodyBytes - 11)) });

const app = Fastify();
app.post('/bare', async (_request, reply) => reply.type('application/json').send(answer));
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ msg: 'listening', origin: `http://127.0.0.1:${port}` })}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});

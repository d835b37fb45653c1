/**
 * HTTP/1.1 over a bare TCP socket (node:net), for requests fetch refuses to send: malformed request lines
 * and headers, duplicate or contradictory framing headers, unknown methods, bodies cut short.
 *
 * @example
 *   const [reply] = await rawExchange(t.baseUrl, ['FOO / HTTP/1.1\r\nHost: x\r\n\r\n']);
 */
import { connect, type Socket } from 'node:net';

export interface RawReply {
  readonly status: number;
  /** Header names lower-cased; a repeated header keeps its last value. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The whole message as received, head and body, for "contains nothing of the request" checks. */
  readonly text: string;
}

export interface RawExchangeOptions {
  /** Ends the sending side after the last chunk (a client that stops sending mid-body). */
  readonly halfClose?: boolean;
  /** Called once the first complete reply has arrived; may write more to the socket. */
  readonly afterFirstReply?: (socket: Socket) => void | Promise<void>;
}

/** Splits a received byte stream into replies; framed by Content-Length (none means no body). */
export function parseReplies(data: Buffer): RawReply[] {
  const replies: RawReply[] = [];
  let rest = data;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return replies;
    const head = rest.subarray(0, end).toString('latin1');
    const [statusLine = '', ...lines] = head.split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < end + 4 + length) return replies;
    const body = rest.subarray(end + 4, end + 4 + length).toString('utf8');
    replies.push({
      status: Number(statusLine.split(' ')[1]),
      headers,
      body,
      text: `${head}\r\n\r\n${body}`,
    });
    rest = rest.subarray(end + 4 + length);
  }
}

/** Sends the chunks (one write each) and collects every reply until the server closes the connection. */
export function rawExchange(
  baseUrl: string,
  chunks: readonly (string | Buffer)[],
  options: RawExchangeOptions = {},
): Promise<RawReply[]> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    let firstSeen = false;
    socket.on('data', (data) => {
      received.push(data);
      if (!firstSeen && options.afterFirstReply && parseReplies(Buffer.concat(received)).length > 0) {
        firstSeen = true;
        Promise.resolve(options.afterFirstReply(socket)).catch(reject);
      }
    });
    // A server that closes with unread request bytes resets the connection; what arrived still counts.
    socket.on('error', (error) => {
      const replies = parseReplies(Buffer.concat(received));
      if (replies.length > 0) resolve(replies);
      else reject(error);
    });
    socket.on('close', () => resolve(parseReplies(Buffer.concat(received))));
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (options.halfClose) socket.end();
    });
  });
}

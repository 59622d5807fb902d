/**
 * The connection a bridged request arrives on: a real Duplex stream, so that Node's
 * IncomingMessage and ServerResponse run their ordinary code paths over it.
 *
 * It is a plain (not TLS) connection, like an app server's behind API Gateway or an ALB:
 * `req.protocol` is `https` only when the app trusts `X-Forwarded-Proto`, as in production.
 */
import type { ServerResponse } from 'http';
import { Duplex } from 'stream';

/** Node internals the bridge reads; present on every ServerResponse since Node 0.x. */
interface OutgoingInternals {
  /** The serialised status line and header block, set when headers are committed. */
  _header: string | null;
}

/**
 * A Duplex that records what the response writes after its header block.
 *
 * @example
 * const socket = new BridgeSocket('203.0.113.7');
 * socket.remoteFamily; // 'IPv4'
 */
export class BridgeSocket extends Duplex {
  readonly remoteAddress: string | undefined;
  readonly remoteFamily: 'IPv4' | 'IPv6' | undefined;
  readonly remotePort: number | undefined = undefined;
  readonly localAddress: string | undefined = undefined;
  readonly localPort: number | undefined = undefined;
  /** The response writing to this socket; set by the handler before the app runs. */
  response: ServerResponse | null = null;
  /** Body bytes as written, still in chunked framing when the response used it. */
  readonly written: Buffer[] = [];
  private headerSeen = false;

  constructor(remoteAddress: string | undefined) {
    // Writes land in memory at once, so they never push back: a real server's socket would
    // ask the response to wait for 'drain', relayed by the server, which is not there.
    super({ decodeStrings: false, allowHalfOpen: true, writableHighWaterMark: Number.MAX_SAFE_INTEGER });
    this.remoteAddress = remoteAddress;
    this.remoteFamily = remoteAddress === undefined ? undefined : remoteAddress.includes(':') ? 'IPv6' : 'IPv4';
  }

  override _read(): void {
    // The request body is pushed into the IncomingMessage directly; nothing arrives here.
  }

  override _write(chunk: Uint8Array | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    let data = chunk;
    if (!this.headerSeen) {
      const header = this.response === null ? null : (this.response as unknown as OutgoingInternals)._header;
      // Before the header block only interim responses (100 Continue, 103 Early Hints) are written.
      if (typeof header !== 'string') {
        callback();
        return;
      }
      this.headerSeen = true;
      // Node writes the header block first, alone or glued in front of a first string chunk.
      if (typeof data === 'string' && data.startsWith(header)) data = data.slice(header.length);
    }
    if (data.length === 0) {
      callback();
      return;
    }
    if (typeof data === 'string') this.written.push(Buffer.from(data, encoding));
    else this.written.push(Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    callback();
  }

  /** Idle timeouts do not exist on Lambda; accepted for API compatibility with net.Socket. */
  setTimeout(_ms: number, callback?: () => void): this {
    if (callback) this.once('timeout', callback);
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  address(): Record<string, never> {
    return {};
  }
}

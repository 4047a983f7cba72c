/**
 * Cuts the byte stream a Postgres client sends into units the embedded server can run whole.
 *
 * PGlite is a single Postgres session, so messages of different connections must never interleave
 * inside one extended-query exchange (Parse/Bind/Describe/Execute up to Sync): the unnamed statement
 * and portal are shared. A unit is therefore everything up to and including a message after which the
 * client waits for the server: Sync, a simple Query, a FunctionCall (those three end with
 * ReadyForQuery) or a Flush (the client wants the output so far, but the exchange goes on).
 * Before the startup message, messages carry no type byte (SSLRequest, GSSENCRequest, CancelRequest,
 * StartupMessage). See https://www.postgresql.org/docs/current/protocol-message-formats.html
 */

export type ClientUnit =
  /** SSLRequest or GSSENCRequest: loopback only, answer 'N' and the client goes on in plain text. */
  | { kind: "encryption-request"; bytes: Uint8Array }
  /** CancelRequest: arrives on its own connection; a synchronous PGlite call cannot be interrupted. */
  | { kind: "cancel-request"; bytes: Uint8Array }
  /** Terminate ('X'), or bytes that are not the protocol: close the connection. */
  | { kind: "terminate"; bytes: Uint8Array }
  /** Bytes for PGlite. `readyForQuery`: the unit ends where Postgres answers ReadyForQuery. */
  | { kind: "run"; bytes: Uint8Array; readyForQuery: boolean };

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const FUNCTION_CALL = 0x46; // 'F'
const FLUSH = 0x48; // 'H'
const TERMINATE = 0x58; // 'X'

// PGlite's own limit for one message exchange; a larger length field means a broken stream.
const MAX_MESSAGE_BYTES = 1 << 30;

export class ClientUnitReader {
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** Bytes that must be buffered before another message can be complete (skips re-scanning small chunks). */
  private needed = 8;
  private started = false;
  private unit: Buffer[] = [];
  private unitBytes = 0;
  private ready: ClientUnit[] = [];
  private readyBytes = 0;
  private broken = false;

  /** Adds received bytes; complete units become available through next(). */
  push(chunk: Buffer): void {
    if (this.broken) return;
    this.parts.push(chunk);
    this.partBytes += chunk.length;
    if (this.partBytes >= this.needed) this.split();
  }

  /** The oldest complete unit not yet taken, or undefined. */
  next(): ClientUnit | undefined {
    const unit = this.ready.shift();
    if (unit) this.readyBytes -= unit.bytes.length;
    return unit;
  }

  /** Received bytes not yet taken through next() (for input backpressure). */
  get bufferedBytes(): number {
    return this.partBytes + this.unitBytes + this.readyBytes;
  }

  private split(): void {
    const buf = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.partBytes);
    let at = 0;
    for (;;) {
      // Untyped (pre-startup) messages: Int32 length, Int32 code. Typed: Byte1 type, Int32 length.
      const header = this.started ? 5 : 8;
      if (buf.length - at < header) {
        this.needed = header;
        break;
      }
      const length = this.started ? 1 + buf.readInt32BE(at + 1) : buf.readInt32BE(at);
      if (length < header || length > MAX_MESSAGE_BYTES) {
        this.fail(buf.subarray(at));
        return;
      }
      if (buf.length - at < length) {
        this.needed = length;
        break;
      }
      this.accept(buf.subarray(at, at + length));
      at += length;
    }
    const rest = buf.subarray(at);
    this.parts = rest.length > 0 ? [rest] : [];
    this.partBytes = rest.length;
  }

  private accept(message: Buffer): void {
    if (!this.started) {
      const code = message.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) this.emit({ kind: "encryption-request", bytes: message });
      else if (code === CANCEL_REQUEST) this.emit({ kind: "cancel-request", bytes: message });
      else {
        // The startup message; PGlite answers it (AuthenticationOk, parameters, ReadyForQuery) itself.
        this.started = true;
        this.emit({ kind: "run", bytes: message, readyForQuery: true });
      }
      return;
    }
    const type = message[0];
    if (type === TERMINATE) {
      // Messages of an unfinished exchange before Terminate would never be answered: drop them.
      this.unit = [];
      this.unitBytes = 0;
      this.emit({ kind: "terminate", bytes: message });
      return;
    }
    this.unit.push(message);
    this.unitBytes += message.length;
    if (type === SYNC || type === QUERY || type === FUNCTION_CALL || type === FLUSH) {
      const bytes = this.unit.length === 1 ? this.unit[0] : Buffer.concat(this.unit, this.unitBytes);
      this.unit = [];
      this.unitBytes = 0;
      this.emit({ kind: "run", bytes, readyForQuery: type !== FLUSH });
    }
  }

  private fail(rest: Buffer): void {
    this.broken = true;
    this.parts = [];
    this.partBytes = 0;
    this.emit({ kind: "terminate", bytes: rest });
  }

  private emit(unit: ClientUnit): void {
    this.ready.push(unit);
    this.readyBytes += unit.bytes.length;
  }
}

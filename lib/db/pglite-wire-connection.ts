import type { Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { ClientUnitReader, type ClientUnit } from "./pg-client-units";
import type { PGliteSessionOwner } from "./pglite-session-owner";

// Stop reading from a client once this much of its input waits behind the unit being run.
const MAX_BUFFERED_INPUT = 8 * 1024 * 1024;

/**
 * What a departing owner sends to leave the shared session clean. The first ROLLBACK ends a
 * transaction block (failed or not) and aborts an implicit transaction left open by an exchange that
 * never reached Sync. If Postgres is instead skipping messages after an error in such an exchange, it
 * ignores that Query; the Sync ends the exchange and the second ROLLBACK the transaction block.
 * Where there is nothing to end, Postgres only warns, and the output is discarded.
 */
const LEAVE_SESSION = Buffer.concat([queryMessage("ROLLBACK"), Buffer.from([0x53, 0, 0, 0, 4]), queryMessage("ROLLBACK")]);

/**
 * One client connection to the embedded database. Its complete units (see pg-client-units.ts) run in
 * arrival order, each while the connection owns the PGlite session; it gives the session up only at
 * ReadyForQuery outside a transaction block. Terminate is not passed to PGlite: PGlite ignores an
 * 'X' at the start of its input, and the one session must outlive every connection anyway.
 */
export class PGliteWireConnection {
  private readonly reader = new ClientUnitReader();
  private pumping = false;
  private closed = false;
  private resolveFinished!: () => void;
  /** Settles once the connection is closed and no longer owns the session. */
  readonly finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));

  constructor(
    private readonly socket: Socket,
    private readonly db: PGlite,
    private readonly session: PGliteSessionOwner<PGliteWireConnection>,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      this.reader.push(chunk);
      if (this.reader.bufferedBytes > MAX_BUFFERED_INPUT) socket.pause();
      void this.pump();
    });
    // A client vanishing is not the server's error; 'close' follows and does the cleanup.
    socket.on("error", () => {});
    socket.on("close", () => this.close());
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
    void this.pump();
  }

  /** Works through the complete units; one pump per connection at a time, re-entered on new data. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let unit = this.reader.next(); unit && !this.closed; unit = this.reader.next()) await this.handle(unit);
      if (this.closed) await this.leaveSession();
    } catch (err) {
      if (!this.closed) console.error("embedded postgres: closing a connection after an error:", err);
      this.closed = true;
      this.socket.destroy();
      await this.leaveSession().catch(() => {});
    } finally {
      this.pumping = false;
    }
    if (this.closed) this.resolveFinished();
    else if (this.socket.isPaused()) this.socket.resume();
  }

  private async handle(unit: ClientUnit): Promise<void> {
    switch (unit.kind) {
      case "encryption-request":
        this.send("N");
        return;
      case "cancel-request":
      case "terminate":
        this.closed = true;
        this.socket.end();
        return;
      case "run":
        await this.session.acquire(this);
        if (this.closed) return; // granted after the client left; pump() hands the session on
        this.socket.cork(); // PGlite streams many small pieces: one write per unit instead
        try {
          await this.run(unit.bytes, (data) => this.send(data));
        } finally {
          this.socket.uncork();
        }
        // Keep the session through a transaction block (a failed one too) and an exchange not yet synced.
        if (unit.readyForQuery && !this.db.isInTransaction()) this.session.release(this);
        // A client that does not read its results waits here rather than filling memory; it keeps the
        // session only if it is inside a transaction, as it would hold locks on a real server.
        if (this.socket.writableNeedDrain) await drained(this.socket);
    }
  }

  /** Ends what this connection left open in the session, then hands the session on. */
  private async leaveSession(): Promise<void> {
    if (!this.session.isOwner(this)) return;
    try {
      await this.run(LEAVE_SESSION, () => {});
    } finally {
      this.session.release(this);
    }
  }

  /**
   * Runs protocol bytes in PGlite, inside its query mutex so db.close() cannot cut in. The raw stream
   * API passes Postgres's output through unparsed; leaving the session uses it too because it needs a Sync.
   */
  private run(bytes: Uint8Array, onOutput: (data: Buffer) => void): Promise<void> {
    return this.db.runExclusive(() =>
      this.db.execProtocolRawStream(bytes, {
        // A view into PGlite's WASM memory that the next output overwrites: copy it.
        onRawData: (data) => onOutput(Buffer.from(data)),
      }),
    );
  }

  private send(data: Buffer | string): void {
    if (this.socket.writable) this.socket.write(data);
  }
}

function drained(socket: Socket): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      socket.off("drain", done).off("close", done);
      resolve();
    };
    socket.on("drain", done).on("close", done);
  });
}

function queryMessage(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message[0] = 0x51; // 'Q'
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

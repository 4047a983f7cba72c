import { describe, expect, it } from "vitest";
import { ClientUnitReader, type ClientUnit } from "./pg-client-units";

const untyped = (code: number, body = Buffer.alloc(0)) => {
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(code, 4);
  return Buffer.concat([header, body]);
};
const typed = (type: string, body = "") => {
  const payload = Buffer.from(body);
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(4 + payload.length, 1);
  return Buffer.concat([header, payload]);
};

const ssl = untyped(80877103);
const startup = untyped(196608, Buffer.from("user\0postgres\0\0"));
const [parse, bind, describe_, execute, sync] = [typed("P", "\0SELECT 1\0\0\0"), typed("B", "\0\0\0\0\0\0\0\0"), typed("D", "P\0"), typed("E", "\0\0\0\0\0"), typed("S")];
const simpleQuery = typed("Q", "SELECT 2\0");
const stream = Buffer.concat([ssl, startup, parse, bind, describe_, execute, sync, simpleQuery, parse, typed("H"), bind, typed("X")]);

const expected = [
  { kind: "encryption-request", bytes: ssl },
  { kind: "run", bytes: startup, readyForQuery: true },
  { kind: "run", bytes: Buffer.concat([parse, bind, describe_, execute, sync]), readyForQuery: true },
  { kind: "run", bytes: simpleQuery, readyForQuery: true },
  { kind: "run", bytes: Buffer.concat([parse, typed("H")]), readyForQuery: false },
  { kind: "terminate", bytes: typed("X") },
];

function readAll(chunks: Buffer[]): { units: ClientUnit[]; buffered: number } {
  const reader = new ClientUnitReader();
  const units: ClientUnit[] = [];
  for (const chunk of chunks) {
    reader.push(chunk);
    for (let unit = reader.next(); unit; unit = reader.next()) units.push(unit);
  }
  return { units, buffered: reader.bufferedBytes };
}

describe("ClientUnitReader", () => {
  it("cuts a stream into units ending at Sync, Query, Flush and Terminate, however it is chunked", () => {
    const normalise = (units: ClientUnit[]) => units.map((u) => ({ ...u, bytes: Buffer.from(u.bytes) }));
    expect(normalise(readAll([stream]).units)).toEqual(expected);
    expect(normalise(readAll([...stream].map((byte) => Buffer.from([byte]))).units)).toEqual(expected);
    expect(normalise(readAll([stream.subarray(0, 30), stream.subarray(30, 31), stream.subarray(31)]).units)).toEqual(expected);
    expect(readAll([stream]).buffered).toBe(0);
  });

  it("holds an incomplete unit back and counts it as buffered", () => {
    const { units, buffered } = readAll([startup, parse, bind, execute.subarray(0, 3)]);
    expect(units.map((u) => u.kind)).toEqual(["run"]);
    expect(buffered).toBe(parse.length + bind.length + 3);
  });

  it("treats a bad length as the end of the connection", () => {
    const bad = Buffer.from([0x50, 0, 0, 0, 1]);
    expect(readAll([startup, bad, sync]).units.map((u) => u.kind)).toEqual(["run", "terminate"]);
  });
});

import { describe, expect, it } from "vitest";
import { requestOriginOf, returnOrigin } from "./return-origin";

const headers = (h: Record<string, string>) => new Headers(h);

describe("returnOrigin: back to the origin the member is on, never to a host a header names", () => {
  it.each([
    ["http://127.0.0.1:3100", "http://localhost:3100", "http://127.0.0.1:3100"],
    ["http://[::1]:3100", "http://localhost:3100", "http://[::1]:3100"],
    ["http://localhost:3100", "http://127.0.0.1:3100/", "http://localhost:3100"],
    ["http://localhost:3100", "http://localhost:3100", "http://localhost:3100"],
    // another port, scheme or host is not an alias
    ["http://127.0.0.1:3101", "http://localhost:3100", "http://localhost:3100"],
    ["https://127.0.0.1:3100", "http://localhost:3100", "http://localhost:3100"],
    ["http://evil.example", "http://localhost:3100", "http://localhost:3100"],
    ["http://localhost.evil.example:3100", "http://localhost:3100", "http://localhost:3100"],
    ["http://user:pw@127.0.0.1:3100", "http://localhost:3100", "http://localhost:3100"],
    // a public APP_URL has no aliases
    ["http://127.0.0.1:443", "https://billing.example.com", "https://billing.example.com"],
    ["https://attacker.test", "https://billing.example.com", "https://billing.example.com"],
    ["not a url", "https://billing.example.com", "https://billing.example.com"],
    [null, "https://billing.example.com/", "https://billing.example.com"],
    ["http://127.0.0.1:3000", "http://localhost:3000/meterly/", "http://127.0.0.1:3000/meterly"],
  ])("%s on APP_URL %s → %s", (candidate, appUrl, expected) => {
    expect(returnOrigin(candidate, appUrl)).toBe(expected);
  });

  it("reads Origin first, then Host with APP_URL's scheme", () => {
    const app = "http://localhost:3100";
    expect(requestOriginOf(headers({ origin: "http://127.0.0.1:3100", host: "localhost:3100" }), app)).toBe("http://127.0.0.1:3100");
    expect(requestOriginOf(headers({ host: "127.0.0.1:3100" }), app)).toBe("http://127.0.0.1:3100");
    expect(requestOriginOf(headers({ origin: "null" }), app)).toBeNull();
  });
});

import type { CookiesOptions } from "next-auth";

/**
 * next-auth's session, CSRF and callback cookies: HttpOnly, SameSite=Lax, and Secure (with the
 * __Secure-/__Host- names) when the app is served over https, read from NEXTAUTH_URL, else APP_URL.
 * Over plain http (the loopback demo) a Secure cookie would never be sent back, so it is not set.
 */
export function sessionCookies(appUrl: string | undefined): { useSecureCookies: boolean; cookies: Partial<CookiesOptions> } {
  const secure = appUrl?.startsWith("https://") ?? false;
  const prefix = secure ? "__Secure-" : "";
  const base = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  return {
    useSecureCookies: secure,
    cookies: {
      sessionToken: { name: `${prefix}next-auth.session-token`, options: base },
      callbackUrl: { name: `${prefix}next-auth.callback-url`, options: base },
      csrfToken: { name: `${secure ? "__Host-" : ""}next-auth.csrf-token`, options: base },
    },
  };
}

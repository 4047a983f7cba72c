import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { attemptSignIn } from "@/lib/security/sign-in/attempt-sign-in";
import { clientIp } from "@/lib/security/sign-in/client-ip";
import { sessionCookies } from "@/lib/security/session-cookies";

/**
 * next-auth: email + password, JWT sessions. The token carries only the user id; roles are read from the
 * database. Sign-in is rate limited per email and per IP address (lib/security/sign-in); cookies are
 * HttpOnly, SameSite=Lax and Secure when the app's URL is https.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
  pages: { signIn: "/signin" },
  ...sessionCookies(process.env.NEXTAUTH_URL ?? process.env.APP_URL),
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = credentials?.email?.trim().toLowerCase();
        const password = credentials?.password;
        if (!email || !password) return null;
        return attemptSignIn({ email, password, ip: clientIp(req?.headers) });
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
};

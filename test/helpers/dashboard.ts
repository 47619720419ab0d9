// Signing in to the dashboard over plain HTTP, the way a browser would: to the app's login, on
// to the stand-in GitHub (which approves at once), back to the callback, keeping cookies.
import type { StandInGitHub } from "../../src/demo/stand-in-github.js";

/** The app's settings that turn the dashboard on against the stand-in's OAuth client. */
export function dashboardEnv(github: StandInGitHub): Record<string, string> {
  return {
    GITHUB_CLIENT_ID: github.oauth.clientId,
    GITHUB_CLIENT_SECRET: github.oauth.clientSecret,
    SESSION_SECRET: "a-test-session-secret-of-at-least-32-chars",
  };
}

/** name=value pairs from a response's Set-Cookie headers (empty value: cleared). */
export function setCookies(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    const eq = pair.indexOf("=");
    cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return cookies;
}

export function get(url: string, cookie = ""): Promise<Response> {
  return fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
}

/** Signs `login` in; returns the Cookie header of the session and what each step answered. */
export async function signIn(
  port: number,
  github: StandInGitHub,
  login: string,
): Promise<{ cookie: string; setCookie: string[] }> {
  github.oauth.signedInAs = login;
  const start = await get(`http://127.0.0.1:${port}/dashboard/login`);
  const state = setCookies(start).get("review_sla_oauth_state") ?? "";
  const approved = await get(start.headers.get("location") ?? "");
  const back = await get(approved.headers.get("location") ?? "", `review_sla_oauth_state=${state}`);
  if (back.status !== 302) throw new Error(`sign-in failed: ${back.status} ${await back.text()}`);
  const session = setCookies(back).get("review_sla_session") ?? "";
  return { cookie: `review_sla_session=${session}`, setCookie: back.headers.getSetCookie() };
}

// Failures a user can fix, told in one line that names the setting to check. Anything else is
// "unexpected", with its stack only under --debug or LOG_LEVEL=debug.
import { SettingsError } from "../settings.js";
import { CliError } from "./context.js";

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNRESET",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
]);

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null && name in value
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/** The network error code somewhere in the error's cause chain (fetch wraps it twice). */
export function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth += 1) {
    const code = field(e, "code");
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    if (field(e, "name") === "TimeoutError") return "timeout";
    e = field(e, "cause");
  }
  return undefined;
}

/** Marks a failure to open the database, so the explanation can name DATABASE_URL. */
export class DatabaseError extends Error {
  override name = "DatabaseError";
}

/** A request to GitHub that could not be sent, or credentials GitHub refused. */
function gitHubProblem(error: unknown, githubUrl: string): string | null {
  const status = field(error, "status");
  const rawUrl = field(field(error, "request"), "url");
  const url = typeof rawUrl === "string" ? rawUrl : "";
  const code = networkCode(error);
  if (code)
    return `cannot reach GitHub at ${githubUrl} (${code}): check GHE_HOST/GHE_PROTOCOL and the network.`;
  const keyProblem =
    error instanceof Error &&
    /private ?key|keyData|asymmetric|PEM|DECODER|JWT|json web token/i.test(error.message);
  if (keyProblem || status === 401 || (status === 404 && url.endsWith("/app")))
    return "GitHub did not accept the app's credentials: check APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH).";
  return null;
}

/** One line for a failure the user can act on; null for anything unexpected. */
export function explainFailure(error: unknown, githubUrl: string): string | null {
  if (error instanceof SettingsError) return error.message;
  if (error instanceof CliError || error instanceof DatabaseError) return error.message;
  if (error instanceof Error && error.name === "StartError") return error.message;
  return gitHubProblem(error, githubUrl);
}

// The hash that tells the app's own checklist comment from a person's edit of it: the handler
// compares an edited comment with it, the checklist executor records it.
import { createHash } from "node:crypto";

/** Comment bodies come back from GitHub with other line endings, so those do not count. */
export function bodyHash(body: string): string {
  const normalised = body.replace(/\r\n?/g, "\n").trimEnd();
  return createHash("sha256").update(normalised).digest("hex");
}

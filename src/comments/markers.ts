// Hidden markers in every comment the app writes: GitHub itself becomes the second guard
// against duplicates (a comment carrying an action's key proves the action was done).

export type MarkerKind =
  "reminder" | "escalation" | "assignment" | "checklist" | "nudge" | "status";

const MARKER = /<!-- review-sla:([a-z]+)((?: [a-z]+=[^\s>]+)*) -->/;

/** `<!-- review-sla:KIND key=value ... -->`; values must not contain spaces or `>`. */
export function marker(kind: MarkerKind, fields: Record<string, string>): string {
  const pairs = Object.entries(fields).map(([name, value]) => {
    if (/[\s>]/.test(value))
      throw new Error(`marker value for ${name} must not contain spaces or '>'`);
    return ` ${name}=${value}`;
  });
  return `<!-- review-sla:${kind}${pairs.join("")} -->`;
}

/** Reads the first marker of a comment body, or null when it carries none. */
export function readMarker(body: string): { kind: string; fields: Record<string, string> } | null {
  const match = MARKER.exec(body);
  if (!match) return null;
  const fields: Record<string, string> = {};
  for (const pair of (match[2] ?? "").trim().split(" ").filter(Boolean)) {
    const at = pair.indexOf("=");
    fields[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { kind: match[1] ?? "", fields };
}

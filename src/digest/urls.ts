// Checks that a link target is an http(s) URL and percent-encodes the characters that would let
// it end the surrounding link syntax early (`|`, `>` in Slack; `)` in Markdown).

/** The normalised http(s) URL with every character matching `unsafe` percent-encoded; else null. */
export function safeHttpUrl(url: string, unsafe: RegExp): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  return parsed.href.replace(unsafe, percentEncode);
}

function percentEncode(char: string): string {
  return [...new TextEncoder().encode(char)]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)
    .join("");
}

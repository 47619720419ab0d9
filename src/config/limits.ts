// Size caps on what a repository sends us (titles, bodies, config files), so one repository
// cannot fill the database or stall the process with megabytes of text. Pure: no I/O.

/** GitHub's own limit on issue and pull-request titles. */
export const MAX_TITLE_CHARS = 256;
/** GitHub's own limit on issue, PR and comment bodies (65,536 characters). */
export const MAX_BODY_CHARS = 65_536;
/** A config file is a few hundred lines; 64 KiB leaves ample room and bounds the YAML parse. */
export const MAX_CONFIG_BYTES = 64 * 1024;

/** Fields of a payload that carry free text, with their caps. */
export const TEXT_CAPS: Readonly<Record<string, number>> = {
  title: MAX_TITLE_CHARS,
  body: MAX_BODY_CHARS,
};

/** The text cut to at most `maxChars` UTF-16 units, never splitting a surrogate pair. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const last = text.charCodeAt(maxChars - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? maxChars - 1 : maxChars;
  return text.slice(0, end);
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

/** A config error (path, expected, found, fix) when the file is too large to read, else null. */
export function configSizeProblem(fileName: string, sizeBytes: number): string | null {
  if (sizeBytes <= MAX_CONFIG_BYTES) return null;
  return (
    `${fileName}: expected a config file of at most ${kib(MAX_CONFIG_BYTES)}, found ` +
    `${kib(sizeBytes)}. Remove what the defaults already cover, or move shared settings to the ` +
    "organisation's .github repository; the defaults apply until then."
  );
}

/** The UTF-8 size of a text, without allocating a copy. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

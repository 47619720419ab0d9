// A stable, rotating tie-break between equally loaded candidates: a hash of the pull request
// and the login, so the same state always picks the same person, but each PR reshuffles ties.

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser so similar inputs spread apart. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Order key for `login` among ties on the pull request `seed` (e.g. "owner/repo#12"). */
export function rotationKey(seed: string, login: string): number {
  return hash32(`${seed}\n${login.toLowerCase()}`);
}

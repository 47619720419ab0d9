// How config layers combine (org `.github` defaults, `_extends` targets, the repository's own
// file): a deep merge where the later layer wins and arrays are replaced, never concatenated.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keys that would reach an object's prototype instead of naming a setting. */
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Deep merge where the later object wins; arrays are replaced, not concatenated. */
export function mergeConfigs(layers: readonly unknown[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!isPlainObject(layer)) continue;
    for (const [key, value] of Object.entries(layer)) {
      // A repository's YAML can name `__proto__`: it must not become inherited settings.
      if (UNSAFE_KEYS.has(key)) continue;
      const current = result[key];
      result[key] =
        isPlainObject(current) && isPlainObject(value) ? mergeConfigs([current, value]) : value;
    }
  }
  return result;
}

// How config layers combine (org `.github` defaults, `_extends` targets, the repository's own
// file): a deep merge where the later layer wins and arrays are replaced, never concatenated.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep merge where the later object wins; arrays are replaced, not concatenated. */
export function mergeConfigs(layers: readonly unknown[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!isPlainObject(layer)) continue;
    for (const [key, value] of Object.entries(layer)) {
      const current = result[key];
      result[key] =
        isPlainObject(current) && isPlainObject(value) ? mergeConfigs([current, value]) : value;
    }
  }
  return result;
}

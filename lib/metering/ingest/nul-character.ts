/**
 * Postgres text and jsonb cannot hold the NUL character (U+0000), so an event carrying one anywhere
 * would make the database refuse its whole group. Returns the path of the first string or property name
 * holding one (e.g. "properties.note"), or null.
 */
export function fieldWithNul(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (typeof value !== "object" || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = fieldWithNul(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const key in value) {
    if (key.includes("\u0000")) return path;
    const found = fieldWithNul((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/**
 * A value as it should read in an error message: JSON for strings, arrays and objects, and the
 * plain text for what JSON cannot show (NaN, Infinity, undefined, functions, symbols).
 */
export function show(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (value === undefined || typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

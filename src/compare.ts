/**
 * Code-unit string order: fast, and the same on every machine (unlike localeCompare, which follows
 * the ICU locale). Every sort that shapes synthesized output or messages uses it.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

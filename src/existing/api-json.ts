import { show } from "../show";
import { DescribeResponseError } from "./describe-error";

/**
 * Reading the JSON of Alibaba Cloud's Describe* APIs as the API and the `aliyun` CLI print it (PascalCase),
 * or as the Tea SDKs give it (lower-camel keys, often under `body`). Pure helpers shared by the readers.
 */

/** True for a plain (non-array) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `key` in PascalCase, falling back to its lower-camel spelling. */
export function field(row: Record<string, unknown>, key: string): unknown {
  if (row[key] !== undefined) return row[key];
  return row[key.charAt(0).toLowerCase() + key.slice(1)];
}

/** The key as spelt in `row` (PascalCase or lower-camel), for paths in messages. */
function spelt(row: Record<string, unknown>, key: string): string {
  return row[key] !== undefined ? key : key.charAt(0).toLowerCase() + key.slice(1);
}

/**
 * The items of a wrapped list `{ Outer: { Inner: [...] } }` (how the APIs return lists), or `[]` when
 * `Outer` is absent. Throws DescribeResponseError naming `where` when it has another shape.
 */
export function wrappedList(row: Record<string, unknown>, outer: string, inner: string, where: string): unknown[] {
  const wrapper = field(row, outer);
  if (wrapper === undefined || wrapper === null) return [];
  if (Array.isArray(wrapper)) return wrapper;
  if (isRecord(wrapper)) {
    const list = field(wrapper, inner);
    if (list === undefined || list === null) return [];
    if (Array.isArray(list)) return list;
  }
  throw new DescribeResponseError(`${where}.${spelt(row, outer)} is ${show(wrapper)}; expected { "${inner}": [ ... ] }`);
}

/**
 * Finds the row array of a response `{ Outer: { Inner: [rows] } }` (also under `body`, or the bare array)
 * and the path used to name its rows in errors.
 */
export function locateRows(api: string, response: unknown, outer: string, inner: string, prefix = ""): { rows: readonly unknown[]; path: string } {
  if (Array.isArray(response)) return { rows: response, path: prefix };
  if (isRecord(response)) {
    const wrapper = field(response, outer);
    if (wrapper !== undefined) {
      const list = isRecord(wrapper) ? field(wrapper, inner) : wrapper;
      if (Array.isArray(list)) return { rows: list, path: `${prefix}${spelt(response, outer)}${Array.isArray(wrapper) ? "" : `.${spelt(wrapper as Record<string, unknown>, inner)}`}` };
    } else if (isRecord(response.body)) {
      return locateRows(api, response.body, outer, inner, `${prefix}body.`);
    }
    const keys = Object.keys(response).slice(0, 8).join(", ");
    throw new DescribeResponseError(
      `${api} response not recognized: got an object with keys [${keys}]; expected { "${outer}": { "${inner}": [ ... ] } } ` +
        `(or its SDK form with "body" / lower-camel keys), or the bare ${inner} array. Pass the parsed JSON of \`aliyun ... ${api}\`.`,
    );
  }
  throw new DescribeResponseError(`${api} response not recognized: got ${show(response)}; expected { "${outer}": { "${inner}": [ ... ] } } or the bare ${inner} array.`);
}

/** A non-empty string field, or undefined. */
export function text(row: Record<string, unknown>, key: string): string | undefined {
  const v = field(row, key);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

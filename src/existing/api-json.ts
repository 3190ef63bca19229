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

/** The lower-camel spelling the Tea SDK models use for `key` (VSwitchId -> vSwitchId). */
function lowerCamel(key: string): string {
  return key.charAt(0).toLowerCase() + key.slice(1);
}

/** Reads `key` in PascalCase, falling back to its lower-camel spelling. */
export function field(row: Record<string, unknown>, key: string): unknown {
  if (row[key] !== undefined) return row[key];
  return row[lowerCamel(key)];
}

/** The key as spelt in `row` (PascalCase or lower-camel), for paths in messages. */
export function spelt(row: Record<string, unknown>, key: string): string {
  return row[key] !== undefined ? key : lowerCamel(key);
}

/** A non-empty string field, or undefined. */
export function text(row: Record<string, unknown>, key: string): string | undefined {
  const v = field(row, key);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/**
 * The items of a wrapped list `{ Outer: { Inner: [...] } }` (how the APIs return lists), or `[]` when
 * `Outer` or `Inner` is absent or null (the Go SDK prints empty lists as `{ "Inner": null }`). Throws
 * DescribeResponseError naming `where` when it has another shape.
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

/** Where the rows of one response are: the row array, its path for messages, and the object that held it. */
export interface LocatedRows {
  /** The rows (ENIs, instances or HaVips). */
  readonly rows: readonly unknown[];
  /** Path of the row array, e.g. `NetworkInterfaceSets.NetworkInterfaceSet` or `body.haVips.haVip`. */
  readonly path: string;
  /** The response body holding `Outer` (TotalCount, NextToken, ... live there); absent for a bare row array. */
  readonly body?: Record<string, unknown>;
}

/** True when `value` is a response `{ Outer: ... }` or its SDK form `{ body: { outer: ... } }`. */
export function isResponse(value: unknown, outer: string): boolean {
  if (!isRecord(value)) return false;
  return field(value, outer) !== undefined || (isRecord(value.body) && field(value.body, outer) !== undefined);
}

/**
 * Finds the row array of a response `{ Outer: { Inner: [rows] } }` (also under `body`, or the bare array)
 * and the path used to name its rows in errors.
 */
export function locateRows(api: string, response: unknown, outer: string, inner: string, prefix = ""): LocatedRows {
  if (Array.isArray(response)) return { rows: response, path: prefix };
  if (isRecord(response)) {
    const wrapper = field(response, outer);
    if (wrapper !== undefined) {
      const list = isRecord(wrapper) ? field(wrapper, inner) : wrapper;
      const path = `${prefix}${spelt(response, outer)}${isRecord(wrapper) ? `.${spelt(wrapper, inner)}` : ""}`;
      if (Array.isArray(list)) return { rows: list, path, body: response };
      if (isRecord(wrapper) && (list === undefined || list === null)) return { rows: [], path, body: response }; // { "Inner": null }: no rows
      throw new DescribeResponseError(`${api} response: ${path} is ${show(list)}; expected { "${outer}": { "${inner}": [ ... ] } }.`);
    }
    if (isRecord(response.body)) return locateRows(api, response.body, outer, inner, `${prefix}body.`);
    const keys = Object.keys(response).slice(0, 8).join(", ");
    throw new DescribeResponseError(
      `${api} response not recognized: got an object with keys [${keys}]; expected { "${outer}": { "${inner}": [ ... ] } } ` +
        `(or its SDK form with "body" / lower-camel keys), or the bare ${inner} array. Pass the parsed JSON of \`aliyun ... ${api}\`.`,
    );
  }
  throw new DescribeResponseError(`${api} response not recognized: got ${show(response)}; expected { "${outer}": { "${inner}": [ ... ] } } or the bare ${inner} array.`);
}

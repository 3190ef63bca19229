import { field, isRecord, LocatedRows, locateRows as locateRowsOf, spelt } from "../api-json";
import { show } from "../show";
import { DescribeResponseError } from "./describe-error";

/**
 * Reading the JSON of Alibaba Cloud's Describe* APIs as the API and the `aliyun` CLI print it (PascalCase),
 * or as the Tea SDKs give it (lower-camel keys, often under `body`): the helpers only these readers need, over
 * the ones `src/api-json.ts` shares with the instance-type catalog. Pure.
 */

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

/** True when `value` is a response `{ Outer: ... }` or its SDK form `{ body: { outer: ... } }`. */
export function isResponse(value: unknown, outer: string): boolean {
  if (!isRecord(value)) return false;
  return field(value, outer) !== undefined || (isRecord(value.body) && field(value.body, outer) !== undefined);
}

/** {@link locateRowsOf} for a Describe* API: problems are DescribeResponseError. */
export function locateRows(api: string, response: unknown, outer: string, inner: string): LocatedRows {
  return locateRowsOf({ api, outer, inner, pass: `Pass the parsed JSON of \`aliyun ... ${api}\`.`, fail: (m) => new DescribeResponseError(m) }, response);
}

import { show } from "./show";

/**
 * Reading the JSON of Alibaba Cloud's APIs as the API and the `aliyun` CLI print it (PascalCase), or as the
 * Tea SDKs give it (lower-camel keys, often under `body`). Pure helpers shared by the instance-type catalog's
 * DescribeInstanceTypes import and the Describe* readers of existing networks.
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

/** Where the rows of one response are: the row array, its path for messages, and the object that held it. */
export interface LocatedRows {
  /** The rows (instance types, ENIs, instances, HaVips...). */
  readonly rows: readonly unknown[];
  /** Path of the row array, e.g. `NetworkInterfaceSets.NetworkInterfaceSet` or `body.haVips.haVip`. */
  readonly path: string;
  /** The response body holding `Outer` (TotalCount, NextToken, ... live there); absent for a bare row array. */
  readonly body?: Record<string, unknown>;
}

/** The shape of one API's list response, and how a response that is not one is reported. */
export interface ListResponseShape {
  /** API name for messages, e.g. DescribeHaVips. */
  readonly api: string;
  /** The outer key, e.g. HaVips. */
  readonly outer: string;
  /** The inner key holding the row array, e.g. HaVip. */
  readonly inner: string;
  /** What a user should pass instead, a sentence appended to "not recognized" messages. */
  readonly pass: string;
  /** Makes the error to throw (each reader has its own error class). */
  readonly fail: (message: string) => Error;
}

/**
 * Finds the row array of a response `{ Outer: { Inner: [rows] } }` (also `{ Outer: [rows] }`, under `body`, or
 * the bare array) and the path used to name its rows in errors. `{ Outer: { Inner: null } }` has no rows
 * (the Go SDK prints empty lists so).
 */
export function locateRows(shape: ListResponseShape, response: unknown, prefix = ""): LocatedRows {
  const { api, outer, inner } = shape;
  const expected = `expected { "${outer}": { "${inner}": [ ... ] } } (or its SDK form with "body" / lower-camel keys), or the bare ${inner} array`;
  if (Array.isArray(response)) return { rows: response, path: prefix };
  if (isRecord(response)) {
    const wrapper = field(response, outer);
    if (wrapper !== undefined) {
      const list = isRecord(wrapper) ? field(wrapper, inner) : wrapper;
      const path = `${prefix}${spelt(response, outer)}${isRecord(wrapper) ? `.${spelt(wrapper, inner)}` : ""}`;
      if (Array.isArray(list)) return { rows: list, path, body: response };
      if (isRecord(wrapper) && (list === undefined || list === null)) return { rows: [], path, body: response };
      throw shape.fail(`${api} response: ${path} is ${show(list)}; ${expected}.`);
    }
    if (isRecord(response.body)) return locateRows(shape, response.body, `${prefix}body.`);
    const keys = Object.keys(response).slice(0, 8).join(", ");
    throw shape.fail(`${api} response not recognized: got an object with keys [${keys}]; ${expected}. ${shape.pass}`);
  }
  throw shape.fail(`${api} response not recognized: got ${show(response)}; ${expected}.`);
}

import * as fs from "fs";
import * as path from "path";
import { Ipv4Cidr, tryParseIpv4 } from "../../net/ipv4";
import { formatIpv6, tryParseIpv6 } from "../../net/ipv6";
import { compareStrings } from "../../compare";

/**
 * The allocation lock file: the private IPv4 addresses the planner handed out, kept beside
 * `cdktf.json` and committed by users (like `cdk.context.json`), so that the next synth gives
 * every ENI the same addresses again.
 *
 * ```json
 * {
 *   "version": 1,
 *   "comment": "...",
 *   "allocations": {
 *     "app/web/Eni#primary": { "pool": "vsw-web", "address": "10.0.1.1" }
 *   }
 * }
 * ```
 *
 * Keys are `<construct path>#<role>`, e.g. `app/web/Eni#primary` or `app/web/Eni#secondary-2`.
 */

/** The only lock file format version this library reads and writes. */
export const LOCK_FILE_VERSION = 1;

/** Suggested file name, written beside `cdktf.json`. */
export const DEFAULT_LOCK_FILE_NAME = "eni-allocations.lock.json";

/** The `comment` written into every lock file, explaining what it is. */
export const LOCK_FILE_COMMENT =
  "Private IPv4 addresses pre-allocated by cdktf-alicloud-eni. This file is written by `cdktf synth`; " +
  "commit it to version control so that every synth gives each ENI the same addresses. " +
  "Do not edit it by hand: deleting an entry re-allocates that address (and replaces the ENI on the next apply).";

/** One allocated address. */
export interface LockEntry {
  /** Id of the pool (vSwitch) the address was allocated from. */
  readonly pool: string;
  /** The address, dotted quad, e.g. 10.0.1.4. */
  readonly address: string;
}

/** The parsed lock file. */
export interface LockFile {
  /** Format version; always 1. */
  readonly version: 1;
  /** Human-readable explanation; informational only, rewritten on every write. @default LOCK_FILE_COMMENT */
  readonly comment?: string;
  /** Allocated addresses by key `<construct path>#<role>`. */
  readonly allocations: Readonly<Record<string, LockEntry>>;
}

/** The lock file is unreadable or inconsistent. The message names the file, the problem, and what to do. */
export class LockFileError extends Error {
  /** The file (path or name) that was being read. */
  public readonly fileName: string;
  /** Every problem found, one line each. */
  public readonly problems: readonly string[];

  constructor(fileName: string, problems: readonly string[]) {
    const shown = problems.slice(0, MAX_PROBLEMS_IN_MESSAGE);
    const more = problems.length - shown.length;
    const list =
      shown.length === 1
        ? ` ${shown[0]}. `
        : `\n${shown.map((p) => `  - ${p}`).join("\n")}${more > 0 ? `\n  - ...and ${more} more` : ""}\n`;
    super(
      `Allocation lock file ${fileName} is invalid:${list}` +
        `This file is written by cdktf synth. Restore it from version control, or delete it to ` +
        `re-allocate every address (ENIs whose address changes are replaced on the next apply).`,
    );
    this.name = "LockFileError";
    this.fileName = fileName;
    this.problems = problems;
  }
}

const MAX_PROBLEMS_IN_MESSAGE = 10;

/** Code-unit order: locale-independent and fast. Used for every key sort in the allocation code. */
export const compareKeys = compareStrings;

/** A lock file with no allocations. */
export function emptyLockFile(): LockFile {
  return { version: LOCK_FILE_VERSION, comment: LOCK_FILE_COMMENT, allocations: {} };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Parses and validates the text of a lock file. `fileName` is only used in messages.
 * Throws LockFileError on invalid JSON, a missing or unsupported version, `allocations` not an object,
 * an entry without a string `pool` and `address`, an address that is not IPv4, or the same address
 * twice in one pool. Every problem is listed, in sorted key order.
 */
export function parseLockFile(text: string, fileName: string): LockFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new LockFileError(fileName, [`it is not valid JSON (${(e as Error).message})`]);
  }
  if (!isPlainObject(data)) {
    throw new LockFileError(fileName, [`it must contain a JSON object, but contains ${describe(data)}`]);
  }
  if (data.version !== LOCK_FILE_VERSION) {
    throw new LockFileError(fileName, [
      data.version === undefined
        ? `"version" is missing; expected ${LOCK_FILE_VERSION}`
        : `"version" is ${describe(data.version)}, but this library reads version ${LOCK_FILE_VERSION} only`,
    ]);
  }
  if (!isPlainObject(data.allocations)) {
    throw new LockFileError(fileName, [`"allocations" must be an object of entries, but is ${describe(data.allocations)}`]);
  }

  const problems: string[] = [];
  const entries: [string, LockEntry][] = [];
  // pool -> address (integer) -> first key holding it
  const seen = new Map<string, Map<number, string>>();
  const seenOther = new Map<string, Map<string, string>>();
  for (const key of Object.keys(data.allocations).sort(compareKeys)) {
    const entry = data.allocations[key];
    const where = `entry ${JSON.stringify(key)}`;
    if (!isPlainObject(entry)) {
      problems.push(`${where} must be an object { "pool": ..., "address": ... }, but is ${describe(entry)}`);
      continue;
    }
    const { pool, address } = entry;
    if (typeof pool !== "string" || pool === "") {
      problems.push(`${where} has no "pool" (a non-empty string); it is ${describe(pool)}`);
      continue;
    }
    if (typeof address !== "string") {
      problems.push(`${where} has no "address" (a string such as "10.0.1.4"); it is ${describe(address)}`);
      continue;
    }
    const kind = valueKindOf(key);
    if (kind !== "ipv4") {
      // Besides IPv4 addresses the lock keeps IPv6 addresses, IPv4 blocks (prefixes, reservations) and counts the cloud got.
      const other = otherValueId(kind, address);
      if (other === undefined) {
        problems.push(`${where} has address ${JSON.stringify(address)}, which is not ${VALUE_KINDS[kind]}`);
        continue;
      }
      let inPool = seenOther.get(pool);
      if (inPool === undefined) seenOther.set(pool, (inPool = new Map()));
      const holder = kind === "count" ? undefined : inPool.get(other);
      if (holder !== undefined) {
        problems.push(`${where} has address ${address} in pool "${pool}", which entry ${JSON.stringify(holder)} already has`);
        continue;
      }
      inPool.set(other, key);
      entries.push([key, { pool, address }]);
      continue;
    }
    const ip = tryParseIpv4(address);
    if (ip === undefined) {
      problems.push(`${where} has address ${JSON.stringify(address)}, which is not an IPv4 address (a.b.c.d)`);
      continue;
    }
    let inPool = seen.get(pool);
    if (inPool === undefined) {
      inPool = new Map();
      seen.set(pool, inPool);
    }
    const other = inPool.get(ip);
    if (other !== undefined) {
      problems.push(`${where} has address ${address} in pool "${pool}", which entry ${JSON.stringify(other)} already has`);
      continue;
    }
    inPool.set(ip, key);
    entries.push([key, { pool, address }]);
  }
  if (problems.length > 0) throw new LockFileError(fileName, problems);
  return {
    version: LOCK_FILE_VERSION,
    comment: typeof data.comment === "string" ? data.comment : LOCK_FILE_COMMENT,
    // fromEntries defines own properties, so even a key such as "__proto__" stays a plain entry.
    allocations: Object.fromEntries(entries),
  };
}

/** What a lock entry holds, by the role at the end of its key. */
type ValueKind = "ipv4" | "ipv6" | "block" | "count";

const VALUE_KINDS: Record<Exclude<ValueKind, "ipv4">, string> = {
  ipv6: "an IPv6 address (its key ends in #ipv6-N)",
  block: "an IPv4 block a.b.c.d/p (its key ends in #prefix-N or #cidr)",
  count: "a count count:N (its key ends in #ipv6-count)",
};

/** The kind of value an entry holds: IPv6 for `#ipv6-N`, a count for `#ipv6-count`, an IPv4 block for `#prefix-N` and `#cidr`, else IPv4. */
export function valueKindOf(key: string): ValueKind {
  const role = key.slice(key.lastIndexOf("#") + 1);
  if (/^ipv6-\d+$/.test(role)) return "ipv6";
  if (role === "ipv6-count") return "count";
  if (/^prefix-\d+$/.test(role) || role === "cidr") return "block";
  return "ipv4";
}

/** A canonical id of a lock value of the given (non-IPv4) kind, or undefined when it is not one. */
function otherValueId(kind: Exclude<ValueKind, "ipv4">, value: string): string | undefined {
  if (kind === "count") return /^count:(0|[1-9]\d{0,5})$/.test(value) ? value : undefined;
  if (kind === "ipv6") {
    const v6 = tryParseIpv6(value);
    return v6 === undefined ? undefined : formatIpv6(v6);
  }
  const block = value.includes("/") ? Ipv4Cidr.tryParse(value) : undefined;
  return block ? block.toString() : undefined;
}

/**
 * Serializes deterministically: version, comment (always LOCK_FILE_COMMENT), then allocations with
 * keys in sorted order; 2-space indent and a trailing newline. Equal locks give identical bytes.
 */
export function serializeLockFile(lock: LockFile): string {
  const keys = Object.keys(lock.allocations).sort(compareKeys);
  const lines: string[] = [];
  lines.push("{");
  lines.push(`  "version": ${LOCK_FILE_VERSION},`);
  lines.push(`  "comment": ${JSON.stringify(LOCK_FILE_COMMENT)},`);
  if (keys.length === 0) {
    lines.push(`  "allocations": {}`);
  } else {
    lines.push(`  "allocations": {`);
    const entries = keys.map((key) => {
      const { pool, address } = lock.allocations[key];
      return `    ${JSON.stringify(key)}: {\n      "pool": ${JSON.stringify(pool)},\n      "address": ${JSON.stringify(address)}\n    }`;
    });
    lines.push(entries.join(",\n"));
    lines.push(`  }`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** Reads and parses the lock file at `filePath`; undefined when it does not exist. Throws LockFileError when invalid. */
export function readLockFile(filePath: string): LockFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(filePath, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  return parseLockFile(text, filePath);
}

/**
 * Writes the lock file atomically (temporary file + rename). Does nothing when the file already has
 * exactly this content, so an unchanged synth leaves the file untouched. Returns true when it wrote.
 */
export function writeLockFile(filePath: string, lock: LockFile): boolean {
  const text = serializeLockFile(lock);
  try {
    if (fs.readFileSync(filePath, "utf8") === text) return false;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const temp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, text, "utf8");
  try {
    fs.renameSync(temp, filePath);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
  return true;
}

/** Keys added, removed, and changed (different pool or address) from `before` to `after`, each sorted. */
export function diffLockFiles(
  before: LockFile,
  after: LockFile,
): { added: string[]; removed: string[]; changed: string[] } {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  const a = before.allocations;
  const b = after.allocations;
  for (const key of Object.keys(b)) {
    if (!Object.hasOwn(a, key)) added.push(key);
    else if (a[key].pool !== b[key].pool || a[key].address !== b[key].address) changed.push(key);
  }
  for (const key of Object.keys(a)) {
    if (!Object.hasOwn(b, key)) removed.push(key);
  }
  return { added: added.sort(compareKeys), removed: removed.sort(compareKeys), changed: changed.sort(compareKeys) };
}

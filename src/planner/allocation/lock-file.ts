import * as fs from "fs";
import * as path from "path";
import { parseCanonicalIpv4, tryParseIpv4 } from "../../net/ipv4";
import { compareStrings } from "../../compare";

/**
 * The allocation lock file: the addresses this program holds in its vSwitches, kept beside `cdktf.json`
 * and committed by users (like `cdk.context.json`). It is the deployed truth: the next synth gives every
 * key the same address again, an address it gives to one construct is never given to another, and an
 * address freed by a deleted construct is held as `released` (a tombstone) until nothing else is free.
 *
 * ```json
 * {
 *   "version": 2,
 *   "comment": "...",
 *   "allocations": {
 *     "app/web/Eni#primary": { "pool": "vsw-web", "address": "10.0.1.1" }
 *   },
 *   "released": [
 *     { "pool": "vsw-web", "address": "10.0.1.2", "key": "app/old/Eni#primary" }
 *   ]
 * }
 * ```
 *
 * Keys are `<construct path>#<role>`, e.g. `app/web/Eni#primary` or `app/web/Eni#secondary-2`; values are
 * strings (an IPv4 or IPv6 address, or a CIDR block for prefix reservations). Version 1 files (allocations
 * only, planned addresses only) are read; version 2 is written.
 */

/** The lock file format version this library writes. */
export const LOCK_FILE_VERSION = 2;

/** Every format version this library reads. */
export const READABLE_LOCK_FILE_VERSIONS: readonly number[] = [1, 2];

/** Suggested file name, written beside `cdktf.json`. */
export const DEFAULT_LOCK_FILE_NAME = "eni-allocations.lock.json";

/** The `comment` written into every lock file, explaining what it is. */
export const LOCK_FILE_COMMENT =
  "Addresses held by this program, recorded by cdktf-alicloud-eni. This file is written when `cdktf synth` succeeds; " +
  "commit it to version control so that every synth gives each ENI the same addresses. " +
  '"released" lists addresses of deleted constructs, held until nothing else is free. ' +
  "Do not edit it by hand: deleting an entry re-allocates that address (and replaces the ENI on the next apply).";

/** One held value (an address, or a CIDR block) of a key. */
export interface LockEntry {
  /** Id of the pool (vSwitch) the value belongs to. */
  readonly pool: string;
  /** The value, e.g. 10.0.1.4 (IPv4), 2408:4000::5 (IPv6) or 10.0.1.16/28 (a prefix). */
  readonly address: string;
}

/** A tombstone: a value freed by a deleted (or moved) key, still held so it is not handed out again at once. */
export interface ReleasedEntry extends LockEntry {
  /** The key that held it. */
  readonly key: string;
}

/** The parsed lock file. */
export interface LockFile {
  /** Format version: 2 (a version 1 file is read into this shape, with `readVersion` 1). */
  readonly version: 2;
  /** Human-readable explanation; informational only, rewritten on every write. @default LOCK_FILE_COMMENT */
  readonly comment?: string;
  /** Held values by key `<construct path>#<role>`. */
  readonly allocations: Readonly<Record<string, LockEntry>>;
  /** Tombstones, sorted by pool, address and key. @default [] */
  readonly released?: readonly ReleasedEntry[];
  /** The version of the file this was read from (1: explicit addresses were not recorded). @default LOCK_FILE_VERSION */
  readonly readVersion?: number;
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
    const list = shown.length === 1 ? ` ${shown[0]}. ` : `\n${shown.map((p) => `  - ${p}`).join("\n")}${more > 0 ? `\n  - ...and ${more} more` : ""}\n`;
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
  return { version: LOCK_FILE_VERSION, comment: LOCK_FILE_COMMENT, allocations: {}, released: [] };
}

/** Order of tombstones: pool, then address, then key. */
export function compareReleased(a: ReleasedEntry, b: ReleasedEntry): number {
  return compareKeys(a.pool, b.pool) || compareKeys(a.address, b.address) || compareKeys(a.key, b.key);
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

const IPV6_VALUE = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(\/(\d|[1-9]\d|1[01]\d|12[0-8]))?$/;

/**
 * The canonical form of a lock value used to find the same value twice in a pool, or undefined when
 * `text` is neither an IPv4 address, an IPv4 CIDR block, nor an IPv6 address or block.
 */
function valueIdentity(text: string): string | undefined {
  if (COUNT_VALUE.test(text)) return `count:${text}`;
  const ip = tryParseIpv4(text);
  if (ip !== undefined) return `v4:${ip}`;
  const slash = text.indexOf("/");
  if (slash > 0 && !text.includes(":")) {
    const net = tryParseIpv4(text.slice(0, slash));
    const prefix = text.slice(slash + 1);
    if (net !== undefined && /^(\d|[12]\d|3[0-2])$/.test(prefix)) return `v4:${net}/${prefix}`;
    return undefined;
  }
  return IPV6_VALUE.test(text) ? `v6:${text.toLowerCase()}` : undefined;
}

const VALUE_HINT = "an IPv4 address (a.b.c.d), an IPv6 address, a CIDR block, or a count (count:N, the IPv6 addresses the cloud gave an instance)";

/** The value of a `<path>#ipv6-count` entry: how many IPv6 addresses the cloud was asked for (a change replaces the instance). */
const COUNT_VALUE = /^count:(0|[1-9]\d{0,5})$/;

/** Where an entry is, for a problem: an allocation's key, or the index of a released entry. */
type Where = string | number;
const whereText = (w: Where): string => (typeof w === "number" ? `released[${w}]` : `entry ${JSON.stringify(w)}`);

/**
 * Checks one `{ pool, address }` object; returns it (or, with other properties, a copy of those two), or pushes
 * a problem and returns undefined.
 */
function readEntry(raw: unknown, w: Where, problems: string[]): LockEntry | undefined {
  if (!isPlainObject(raw)) {
    problems.push(`${whereText(w)} must be an object { "pool": ..., "address": ... }, but is ${describe(raw)}`);
    return undefined;
  }
  const { pool, address } = raw;
  if (typeof pool !== "string" || pool === "") {
    problems.push(`${whereText(w)} has no "pool" (a non-empty string); it is ${describe(pool)}`);
    return undefined;
  }
  if (typeof address !== "string") {
    problems.push(`${whereText(w)} has no "address" (a string such as "10.0.1.4"); it is ${describe(address)}`);
    return undefined;
  }
  return isBareEntry(raw) ? (raw as unknown as LockEntry) : { pool, address };
}

/** True when `e` has exactly the own enumerable properties `pool` and `address`. */
function isBareEntry(e: object): boolean {
  let n = 0;
  for (const p in e) if (++n > 2 || (p !== "pool" && p !== "address")) return false;
  return n === 2;
}

/** How a holder is named in a problem: an allocation's key as is, a released entry's key after a NUL. */
const describeHolder = (holder: string): string => (holder.startsWith("\0") ? `released entry of ${JSON.stringify(holder.slice(1))}` : `entry ${JSON.stringify(holder)}`);

/**
 * The values held in each pool, to find one held twice. Canonical IPv4 addresses (nearly every entry) are
 * kept as numbers, other values by their identity string; holders are described only for a problem.
 */
class HeldValues {
  private readonly byPool = new Map<string, { v4: Map<number, string>; other: Map<string, string> }>();

  /** Records that `holder` holds `entry`; false (and a problem pushed) when the value is invalid or held already. */
  public hold(entry: LockEntry, holder: string, problems: string[], w: Where): boolean {
    let inPool = this.byPool.get(entry.pool);
    if (inPool === undefined) {
      inPool = { v4: new Map(), other: new Map() };
      this.byPool.set(entry.pool, inPool);
    }
    const fast = parseCanonicalIpv4(entry.address);
    if (fast !== undefined) {
      const other = inPool.v4.get(fast);
      if (other === undefined) {
        inPool.v4.set(fast, holder);
        return true;
      }
      problems.push(`${whereText(w)} has address ${entry.address} in pool "${entry.pool}", which ${describeHolder(other)} already has`);
      return false;
    }
    const identity = valueIdentity(entry.address);
    if (identity === undefined) {
      problems.push(`${whereText(w)} has address ${JSON.stringify(entry.address)}, which is not ${VALUE_HINT}`);
      return false;
    }
    if (identity.startsWith("count:")) return true; // counts are not addresses: two instances may have the same
    // A non-canonical IPv4 form of a canonical one (not written by this library) is the same address.
    const v4 = identity.startsWith("v4:") && !identity.includes("/") ? Number(identity.slice(3)) : undefined;
    const other = v4 !== undefined ? inPool.v4.get(v4) : inPool.other.get(identity);
    if (other !== undefined) {
      problems.push(`${whereText(w)} has address ${entry.address} in pool "${entry.pool}", which ${describeHolder(other)} already has`);
      return false;
    }
    if (v4 !== undefined) inPool.v4.set(v4, holder);
    else inPool.other.set(identity, holder);
    return true;
  }
}

/** True when `keys` is in {@link compareKeys} order (a file this library wrote always is). */
export function isSortedKeys(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

/** The sorted keys of allocations objects already listed (a lock's allocations are never changed once made). */
const SORTED_KEYS = new WeakMap<object, readonly string[]>();

/**
 * The keys of a lock's allocations in {@link compareKeys} order, listed once per allocations object: at tens of
 * thousands of entries, enumerating the object costs more than reading them. The allocations must not change after.
 */
export function sortedLockKeys(allocations: Readonly<Record<string, LockEntry>>): readonly string[] {
  let keys = SORTED_KEYS.get(allocations);
  if (keys === undefined) {
    const listed = Object.keys(allocations);
    keys = isSortedKeys(listed) ? listed : listed.sort(compareKeys);
    SORTED_KEYS.set(allocations, keys);
  }
  return keys;
}

/**
 * The allocations of a valid parsed file: a file this library wrote (keys in order, bare entries) is used as
 * parsed, without a copy; otherwise a sorted copy (fromEntries defines own properties, so even a key such as
 * "__proto__" stays a plain entry, as JSON.parse does).
 */
function parsedAllocations(raw: Record<string, LockEntry>, keys: readonly string[], inOrder: boolean, copies: ReadonlyMap<number, LockEntry>): Record<string, LockEntry> {
  if (inOrder && copies.size === 0) return raw;
  return Object.fromEntries(keys.map((k, i) => [k, copies.get(i) ?? raw[k]]));
}

/**
 * Parses and validates the text of a lock file (version 1 or 2). `fileName` is only used in messages.
 * Throws LockFileError on invalid JSON, a missing or unsupported version, `allocations` not an object,
 * `released` not an array, an entry without a string `pool` and `address` (and, for `released`, `key`),
 * an address that is neither IPv4, IPv6 nor a CIDR block, or the same value twice in one pool (across
 * allocations and released). Every problem is listed, allocations in sorted key order, then released.
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
  const version = data.version;
  if (typeof version !== "number" || !READABLE_LOCK_FILE_VERSIONS.includes(version)) {
    const readable = READABLE_LOCK_FILE_VERSIONS.join(" and ");
    throw new LockFileError(fileName, [
      version === undefined ? `"version" is missing; expected ${LOCK_FILE_VERSION}` : `"version" is ${describe(version)}, but this library reads versions ${readable} only`,
    ]);
  }
  if (!isPlainObject(data.allocations)) {
    throw new LockFileError(fileName, [`"allocations" must be an object of entries, but is ${describe(data.allocations)}`]);
  }
  const rawReleased = version >= 2 ? data.released : undefined;
  if (rawReleased !== undefined && !Array.isArray(rawReleased)) {
    throw new LockFileError(fileName, [`"released" must be an array of entries, but is ${describe(rawReleased)}`]);
  }

  const problems: string[] = [];
  const held = new HeldValues();
  const rawAllocations = data.allocations;
  const keys = Object.keys(rawAllocations);
  const inOrder = isSortedKeys(keys);
  if (!inOrder) keys.sort(compareKeys);
  /** Entries that are not the parsed objects themselves (extra properties dropped), by position in keys. */
  const copies = new Map<number, LockEntry>();
  for (let i = 0; i < keys.length; i++) {
    const raw = rawAllocations[keys[i]];
    const entry = readEntry(raw, keys[i], problems);
    if (entry === undefined) continue;
    if (entry !== raw) copies.set(i, entry);
    held.hold(entry, keys[i], problems, keys[i]);
  }
  const released: ReleasedEntry[] = [];
  (rawReleased ?? []).forEach((raw: unknown, i: number) => {
    const entry = readEntry(raw, i, problems);
    if (!entry) return;
    const key = (raw as Record<string, unknown>).key;
    if (typeof key !== "string" || key === "") {
      problems.push(`${whereText(i)} has no "key" (the key that held the address); it is ${describe(key)}`);
      return;
    }
    if (held.hold(entry, `\0${key}`, problems, i)) released.push({ key, pool: entry.pool, address: entry.address });
  });
  if (problems.length > 0) throw new LockFileError(fileName, problems);
  const allocations = parsedAllocations(rawAllocations as Record<string, LockEntry>, keys, inOrder, copies);
  SORTED_KEYS.set(allocations, keys);
  return {
    version: LOCK_FILE_VERSION,
    comment: typeof data.comment === "string" ? data.comment : LOCK_FILE_COMMENT,
    allocations,
    released: isSortedReleased(released) ? released : released.sort(compareReleased),
    readVersion: version,
  };
}

function isSortedReleased(list: readonly ReleasedEntry[]): boolean {
  for (let i = 1; i < list.length; i++) if (compareReleased(list[i - 1], list[i]) > 0) return false;
  return true;
}

/** True when every entry has exactly the own properties `pool` and `address` (as every entry this library makes). */
function entriesAreBare(allocations: Readonly<Record<string, LockEntry>>): boolean {
  for (const key in allocations) if (!isBareEntry(allocations[key])) return false;
  return true;
}

/**
 * Serializes deterministically: version (always LOCK_FILE_VERSION), comment (always LOCK_FILE_COMMENT),
 * allocations with keys in sorted order, then released sorted by pool, address and key; 2-space indent
 * and a trailing newline. Equal locks give identical bytes (the text of JSON.stringify(_, null, 2)). When the
 * allocations are already in key order with bare entries (a lock this library made), they are written as they are.
 */
export function serializeLockFile(lock: LockFile): string {
  const keys = Object.keys(lock.allocations);
  const allocations =
    isSortedKeys(keys) && entriesAreBare(lock.allocations)
      ? lock.allocations
      : Object.fromEntries(keys.sort(compareKeys).map((key) => [key, { pool: lock.allocations[key].pool, address: lock.allocations[key].address }]));
  const released = lock.released ?? [];
  const sortedReleased = (isSortedReleased(released) ? released : [...released].sort(compareReleased)).map((r) => ({ pool: r.pool, address: r.address, key: r.key }));
  return `${JSON.stringify({ version: LOCK_FILE_VERSION, comment: LOCK_FILE_COMMENT, allocations, released: sortedReleased }, null, 2)}\n`;
}

/**
 * True when writing `next` would change no entry of `previous` (a parsed file): `next` keeps the previous
 * allocations object (the allocator does when nothing changed), holds the same released entries, and the file
 * already has the current version and comment. Cheap (no serialization), so an unchanged lock file of tens of
 * thousands of entries costs no write-time work; such a file is left as it is, byte for byte.
 */
export function sameLockContent(previous: LockFile, next: LockFile): boolean {
  if (previous.readVersion !== LOCK_FILE_VERSION || previous.comment !== LOCK_FILE_COMMENT || next.allocations !== previous.allocations) return false;
  const a = previous.released ?? [];
  const b = next.released ?? [];
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].key !== b[i].key || a[i].pool !== b[i].pool || a[i].address !== b[i].address) return false;
  return true;
}

/** Reads and parses the lock file at `filePath`; undefined when it does not exist. Throws LockFileError when invalid. */
export function readLockFile(filePath: string): LockFile | undefined {
  return readLockFileAndText(filePath)?.lock;
}

/** {@link readLockFile}, with the text read (to tell later whether a new lock would change the file without reading it again). */
export function readLockFileAndText(filePath: string): { readonly lock: LockFile; readonly text: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(filePath, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  return { lock: parseLockFile(text, filePath), text };
}

/** True when the file does not hold exactly `text` (or does not exist yet). */
export function lockTextDiffers(filePath: string, text: string): boolean {
  try {
    return fs.readFileSync(filePath, "utf8") !== text;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw e;
  }
}

/**
 * Why the lock file at `filePath` cannot be replaced, or undefined when it can: the file is read-only
 * (no write permission bit, or not writable by this process), or its folder (or the nearest existing
 * ancestor, for a folder still to be created) is not writable.
 */
export function whyNotWritable(filePath: string): string | undefined {
  try {
    const stat = fs.statSync(filePath);
    if ((stat.mode & 0o222) === 0) return `${filePath} is read-only (mode ${(stat.mode & 0o777).toString(8)})`;
    fs.accessSync(filePath, fs.constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") return `${filePath} is not writable (${code})`;
    if (code !== "ENOENT") throw e;
  }
  let dir = path.dirname(filePath);
  for (;;) {
    if (fs.existsSync(dir)) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    return `its folder ${dir} is not writable (${(e as NodeJS.ErrnoException).code})`;
  }
  return undefined;
}

/**
 * Writes the lock file atomically (temporary file + rename), creating its folder. Does nothing when the
 * file already has exactly this content, so an unchanged synth leaves the file untouched. Refuses (throws
 * Error) to replace a read-only file. Keeps the file's permission bits. Returns true when it wrote.
 */
export function writeLockFile(filePath: string, lock: LockFile): boolean {
  return writeLockText(filePath, serializeLockFile(lock));
}

/** {@link writeLockFile} with the lock already serialized (`serializeLockFile`). */
export function writeLockText(filePath: string, text: string): boolean {
  if (!lockTextDiffers(filePath, text)) return false;
  const refused = whyNotWritable(filePath);
  if (refused !== undefined) throw new Error(`cannot write the lock file: ${refused}`);
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const mode = fs.existsSync(filePath) ? fs.statSync(filePath).mode & 0o777 : undefined;
  const temp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, text, { encoding: "utf8", ...(mode !== undefined ? { mode } : {}) });
  try {
    if (mode !== undefined) fs.chmodSync(temp, mode);
    fs.renameSync(temp, filePath);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
  return true;
}

/** Keys added, removed, and changed (different pool or address) from `before` to `after`, each sorted. */
export function diffLockFiles(before: LockFile, after: LockFile): { added: string[]; removed: string[]; changed: string[] } {
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

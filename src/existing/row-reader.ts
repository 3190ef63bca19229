import { formatIpv4, Ipv4Cidr, tryParseIpv4 } from "../net/ipv4";
import { formatIpv6, Ipv6Cidr, tryParseIpv6 } from "../net/ipv6";
import { show } from "../show";
import { field, isRecord } from "../api-json";
import { isResponse, locateRows, text, wrappedList } from "./api-json";
import { DescribeResponseError } from "./describe-error";
import { parseJsonDocuments } from "./json-documents";
import { missingPages, pageInfo, PageInfo } from "./page-check";
import type { UsedAddress } from "./used-address";

/** One Describe* API as the readers see it. */
export interface DescribeApi {
  /** The API name, e.g. DescribeNetworkInterfaces. */
  readonly name: string;
  /** The list wrapper of the response, e.g. NetworkInterfaceSets. */
  readonly outer: string;
  /** The row list inside it, e.g. NetworkInterfaceSet. */
  readonly inner: string;
  /** The id field of a row (what holds the addresses), e.g. NetworkInterfaceId. */
  readonly idKey: string;
  /** How to print every page with the `aliyun` CLI, for messages. */
  readonly pages: string;
}

/** Shortest IPv4 prefix accepted from Ipv4PrefixSets (the API assigns /28s; a /24 is 256 addresses). */
const SHORTEST_IPV4_PREFIX = 24;

/** How each kind of value is checked and written canonically; undefined when the value is not one. */
const CANONICAL: Record<UsedAddress["family"], { read: (v: string) => string | undefined; example: string }> = {
  ipv4: {
    read: (v) => {
      const ip = tryParseIpv4(v);
      return ip === undefined ? undefined : formatIpv4(ip);
    },
    example: 'an IPv4 address such as "192.168.1.10"',
  },
  ipv6: {
    read: (v) => {
      const ip = tryParseIpv6(v);
      return ip === undefined ? undefined : formatIpv6(ip);
    },
    example: 'an IPv6 address such as "2408:4000::1"',
  },
  "ipv4-prefix": {
    read: (v) => {
      const c = Ipv4Cidr.tryParse(v);
      return c !== undefined && c.prefix >= SHORTEST_IPV4_PREFIX ? c.toString() : undefined;
    },
    example: `an IPv4 prefix such as "192.168.1.16/28" (/${SHORTEST_IPV4_PREFIX} or longer)`,
  },
  "ipv6-prefix": {
    read: (v) => {
      try {
        return Ipv6Cidr.parse(v).toString();
      } catch {
        return undefined;
      }
    },
    example: 'an IPv6 prefix such as "2408:4000:0:1::/80"',
  },
};

/** The address lists of an ENI row (DescribeNetworkInterfaces, and the primary ENI in DescribeInstances). */
const ENI_SETS: readonly { outer: string; inner: string; key: string; family: UsedAddress["family"] }[] = [
  { outer: "PrivateIpSets", inner: "PrivateIpSet", key: "PrivateIpAddress", family: "ipv4" },
  { outer: "Ipv6Sets", inner: "Ipv6Set", key: "Ipv6Address", family: "ipv6" },
  { outer: "Ipv4PrefixSets", inner: "Ipv4PrefixSet", key: "Ipv4Prefix", family: "ipv4-prefix" },
  { outer: "Ipv6PrefixSets", inner: "Ipv6PrefixSet", key: "Ipv6Prefix", family: "ipv6-prefix" },
];

/** Collects the addresses of the rows, reporting bad values as problems naming their path. */
export class RowReader {
  public readonly found: UsedAddress[] = [];
  public readonly problems: string[] = [];

  /** The vSwitch id in `key` of `row`, or undefined after reporting that it is missing. */
  public vswitchId(row: Record<string, unknown>, key: string, holder: string, where: string, what: string): string | undefined {
    const id = text(row, key);
    if (id === undefined) this.problems.push(`${where} (${holder}) has no ${key}; expected the id of ${what}`);
    return id;
  }

  /** Adds `value` (of `family`) held by `holder` in `vswitchId`; absent or empty values are skipped. */
  public add(family: UsedAddress["family"], vswitchId: string, holder: string, value: unknown, where: string): void {
    if (value === undefined || value === null || value === "") return;
    const address = typeof value === "string" ? CANONICAL[family].read(value.trim()) : undefined;
    if (address === undefined) this.problems.push(`${where} is ${show(value)}; expected ${CANONICAL[family].example}`);
    else this.found.push({ vswitchId, address, family, holder });
  }

  /** The items of `{ Outer: { Inner: [...] } }` in `row` ([] after reporting another shape). */
  public list(row: Record<string, unknown>, outer: string, inner: string, where: string): unknown[] {
    try {
      return wrappedList(row, outer, inner, where);
    } catch (e) {
      if (!(e instanceof DescribeResponseError)) throw e;
      this.problems.push(e.message);
      return [];
    }
  }

  /**
   * Reads an ENI's PrivateIpSets.PrivateIpSet[].PrivateIpAddress, Ipv6Sets.Ipv6Set[].Ipv6Address,
   * Ipv4PrefixSets.Ipv4PrefixSet[].Ipv4Prefix and Ipv6PrefixSets.Ipv6PrefixSet[].Ipv6Prefix.
   */
  public eniSets(row: Record<string, unknown>, vswitchId: string, holder: string, where: string): void {
    for (const s of ENI_SETS) {
      this.list(row, s.outer, s.inner, where).forEach((item, i) => {
        const w = `${where}.${s.outer}.${s.inner}[${i}]`;
        if (!isRecord(item)) this.problems.push(`${w} is ${show(item)}; expected an object with ${s.key}`);
        else this.add(s.family, vswitchId, holder, field(item, s.key), `${w}.${s.key}`);
      });
    }
  }
}

/**
 * The responses in `inputs`: each argument is a parsed response, a bare row array, an array of responses
 * (pages), or JSON text holding one or more of those (several documents one after another).
 */
function responsesOf(api: DescribeApi, inputs: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  const visit = (value: unknown, top: boolean): void => {
    if (top && typeof value === "string") for (const doc of parseJsonDocuments(api.name, value)) visit(doc, false);
    else if (Array.isArray(value) && value.length > 0 && value.every((v) => isResponse(v, api.outer))) for (const v of value) visit(v, false);
    else out.push(value);
  };
  for (const input of inputs) visit(input, true);
  return out;
}

/**
 * Reads every row of every response with `read` (given the row's id, or its path when it has none);
 * throws DescribeResponseError listing every bad row, and pages that the responses' TotalCount and
 * NextToken show are missing.
 */
export function readRows(api: DescribeApi, inputs: readonly unknown[], read: (row: Record<string, unknown>, where: string, r: RowReader, holder: string) => void): UsedAddress[] {
  const r = new RowReader();
  const responses = responsesOf(api, inputs);
  const pages: PageInfo[] = [];
  const ids = new Set<string>();
  let unnamed = 0;
  responses.forEach((response, n) => {
    const { rows, path, body } = locateRows(api.name, response, api.outer, api.inner);
    if (body !== undefined) pages.push(pageInfo(body));
    const base = responses.length > 1 ? `response ${n + 1}: ${path}` : path;
    rows.forEach((row, i) => {
      const where = `${base}[${i}]`;
      const id = isRecord(row) ? text(row, api.idKey) : undefined;
      if (id !== undefined) ids.add(id);
      else unnamed++;
      if (!isRecord(row)) r.problems.push(`${where} is ${show(row)}; expected an object`);
      else read(row, where, r, id ?? where);
    });
  });
  const missing = missingPages(api, pages, ids.size + unnamed);
  if (missing !== undefined) r.problems.push(missing);
  if (r.problems.length > 0) {
    throw new DescribeResponseError(`${api.name} response has ${r.problems.length} problem(s):\n  - ${r.problems.join("\n  - ")}\nPass the response as the API returned it (every page).`);
  }
  return r.found;
}

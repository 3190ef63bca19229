import { formatIpv4, tryParseIpv4 } from "../net/ipv4";
import { show } from "../show";
import { field, isRecord, locateRows, wrappedList } from "./api-json";
import { DescribeResponseError } from "./describe-error";
import type { UsedAddress } from "./used-address";

/** Addresses that look like IPv6 (hex groups and colons; checked loosely, the API wrote them). */
const IPV6 = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/;

/** Collects the addresses of one row, reporting bad values as problems of `where`. */
export class RowReader {
  public readonly found: UsedAddress[] = [];
  public readonly problems: string[] = [];

  /** Adds `value` (an IPv4 address) held by `holder` in `vswitchId`. */
  public ipv4(vswitchId: string, holder: string, value: unknown, where: string): void {
    if (value === undefined || value === null || value === "") return;
    const ip = typeof value === "string" ? tryParseIpv4(value.trim()) : undefined;
    if (ip === undefined) this.problems.push(`${where} is ${show(value)}; expected an IPv4 address such as "192.168.1.10"`);
    else this.found.push({ vswitchId, address: formatIpv4(ip), family: "ipv4", holder });
  }

  /** Adds `value` (an IPv6 address) held by `holder` in `vswitchId`. */
  public ipv6(vswitchId: string, holder: string, value: unknown, where: string): void {
    if (value === undefined || value === null || value === "") return;
    if (typeof value !== "string" || !IPV6.test(value.trim())) this.problems.push(`${where} is ${show(value)}; expected an IPv6 address such as "2408:4000::1"`);
    else this.found.push({ vswitchId, address: value.trim().toLowerCase(), family: "ipv6", holder });
  }

  /** Reads a `PrivateIpSets.PrivateIpSet[].PrivateIpAddress` and `Ipv6Sets.Ipv6Set[].Ipv6Address` pair of lists. */
  public sets(row: Record<string, unknown>, vswitchId: string, holder: string, where: string): void {
    wrappedList(row, "PrivateIpSets", "PrivateIpSet", where).forEach((s, i) => {
      const w = `${where}.PrivateIpSets.PrivateIpSet[${i}]`;
      if (!isRecord(s)) this.problems.push(`${w} is ${show(s)}; expected an object with PrivateIpAddress`);
      else this.ipv4(vswitchId, holder, field(s, "PrivateIpAddress"), `${w}.PrivateIpAddress`);
    });
    wrappedList(row, "Ipv6Sets", "Ipv6Set", where).forEach((s, i) => {
      const w = `${where}.Ipv6Sets.Ipv6Set[${i}]`;
      if (!isRecord(s)) this.problems.push(`${w} is ${show(s)}; expected an object with Ipv6Address`);
      else this.ipv6(vswitchId, holder, field(s, "Ipv6Address"), `${w}.Ipv6Address`);
    });
  }
}

/** Reads every row of a response with `read`; throws DescribeResponseError listing every bad row. */
export function readRows(api: string, responses: readonly unknown[], outer: string, inner: string, read: (row: Record<string, unknown>, where: string, r: RowReader) => void): UsedAddress[] {
  const r = new RowReader();
  responses.forEach((response, page) => {
    const { rows, path } = locateRows(api, response, outer, inner);
    const base = responses.length > 1 ? `response ${page + 1}: ${path}` : path;
    rows.forEach((row, i) => {
      const where = `${base}[${i}]`;
      if (!isRecord(row)) r.problems.push(`${where} is ${show(row)}; expected an object`);
      else read(row, where, r);
    });
  });
  if (r.problems.length > 0) {
    throw new DescribeResponseError(`${api} response has ${r.problems.length} problem(s):\n  - ${r.problems.join("\n  - ")}\nPass the response as the API returned it (every page).`);
  }
  return r.found;
}

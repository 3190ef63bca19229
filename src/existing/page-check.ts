import { field } from "../api-json";
import type { DescribeApi } from "./row-reader";

/**
 * Whether the responses given are every page. The Describe* APIs page their rows: PageNumber / PageSize /
 * TotalCount (DescribeHaVips; DescribeNetworkInterfaces and DescribeInstances when called without
 * MaxResults / NextToken, default page size 10), or MaxResults / NextToken (the next page's token; empty
 * or absent on the last page, and TotalCount is then documented as invalid). A missing page would drop
 * its addresses silently, so the readers refuse input that shows one is missing.
 */

/** What one response says about paging. */
export interface PageInfo {
  /** TotalCount (a number, or a numeric string as some APIs print it). */
  readonly totalCount?: number;
  /** NextToken when not empty. */
  readonly nextToken?: string;
}

/** The paging fields of a response body. */
export function pageInfo(body: Record<string, unknown>): PageInfo {
  const total = field(body, "TotalCount");
  const token = field(body, "NextToken");
  const n = typeof total === "number" ? total : typeof total === "string" && /^\d+$/.test(total.trim()) ? Number(total) : undefined;
  return {
    ...(n !== undefined && Number.isFinite(n) ? { totalCount: n } : {}),
    ...(typeof token === "string" && token.trim() !== "" ? { nextToken: token.trim() } : {}),
  };
}

/**
 * A message when pages are missing, else undefined: fewer distinct rows than the largest TotalCount, and
 * either no response uses NextToken (page-number paging) or every one has a NextToken (so the last page,
 * which has none, is not among them). Input without TotalCount (the merged output of `aliyun ... --pager`,
 * a bare row array) is taken as complete.
 */
export function missingPages(api: DescribeApi, pages: readonly PageInfo[], rows: number): string | undefined {
  const totals = pages.flatMap((p) => (p.totalCount === undefined ? [] : [p.totalCount]));
  if (totals.length === 0) return undefined;
  const total = Math.max(...totals);
  if (rows >= total) return undefined;
  const withToken = pages.filter((p) => p.nextToken !== undefined);
  if (withToken.length > 0 && withToken.length < pages.length) return undefined; // a last page (no NextToken) is here: TotalCount may be the invalid one
  const token = withToken.length > 0 ? `, and every response has a NextToken (the last page has none; "${withToken[withToken.length - 1].nextToken}" asks for another)` : "";
  return (
    `the responses hold ${rows} row(s) but TotalCount is ${total}${token}: pages are missing, and the addresses on them would be taken as free. ` +
    `Pass every page (several arguments, an array, or the pages' JSON one after another): ${api.pages}.`
  );
}

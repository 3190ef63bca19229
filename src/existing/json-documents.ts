import { DescribeResponseError } from "./describe-error";

/**
 * Parses text holding one JSON document or several written one after another (what
 * `aliyun ... --PageNumber N >> pages.json` leaves: one response per page, not one JSON value).
 * Each document must be an object or an array. Throws DescribeResponseError naming the document and
 * its offset when one is not JSON.
 */
export function parseJsonDocuments(api: string, input: string): unknown[] {
  const docs: unknown[] = [];
  let i = skipSpace(input, 0);
  while (i < input.length) {
    const start = i;
    const open = input[i];
    if (open !== "{" && open !== "[") {
      throw new DescribeResponseError(
        `${api} input is not JSON: document ${docs.length + 1} (at character ${start}) starts with ${JSON.stringify(input.slice(start, start + 12))}; expected a JSON object or array.`,
      );
    }
    const end = endOfValue(input, start);
    const slice = input.slice(start, end);
    try {
      docs.push(JSON.parse(slice));
    } catch (e) {
      throw new DescribeResponseError(`${api} input is not JSON: document ${docs.length + 1} (at character ${start}): ${(e as Error).message}.`);
    }
    i = skipSpace(input, end);
  }
  if (docs.length === 0) throw new DescribeResponseError(`${api} input is empty; expected the JSON the API printed.`);
  return docs;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i])) i++;
  return i;
}

/** Index just past the object or array starting at `start` (strings and escapes respected), or the end of `s`. */
function endOfValue(s: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return s.length; // unbalanced: JSON.parse reports it
}

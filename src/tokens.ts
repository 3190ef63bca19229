import { Tokenization } from "./cdktf";
import type { UnknownValue } from "./model/facts";

/**
 * How a token reads to a user: the Terraform expressions it refers to (e.g. `${var.vsw_cidr}`,
 * `${alicloud_vpc.main.cidr_block}`) when cdktf can tell without resolving anything, else its raw text.
 */
function describeToken(value: unknown): string {
  try {
    const refs: string[] = [];
    const collect = (t: unknown) => {
      const id = (t as { identifier?: unknown }).identifier;
      if (typeof id === "string") refs.push(`\${${id}}`);
    };
    if (typeof value === "string") Tokenization.reverseString(value).tokens.forEach(collect);
    else if (typeof value === "number") collect(Tokenization.reverseNumber(value));
    if (refs.length > 0) return refs.join(" ");
  } catch {
    // fall through to the raw token text
  }
  return String(value);
}

/** A token as an unknown fact: its readable description and the token itself (to emit it unchanged). */
export function unknownValue(value: unknown): UnknownValue {
  return { unknown: true, description: describeToken(value), token: String(value) };
}

import { field, text } from "./api-json";
import { readRows } from "./row-reader";
import type { UsedAddress } from "./used-address";

/**
 * Reads VPC DescribeHaVips responses (HaVips.HaVip[]): VSwitchId and IpAddress. Source:
 * https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-describehavips
 */
export function parseDescribeHaVips(...responses: unknown[]): UsedAddress[] {
  return readRows("DescribeHaVips", responses, "HaVips", "HaVip", (row, where, r) => {
    const vswitchId = text(row, "VSwitchId");
    const holder = text(row, "HaVipId") ?? where;
    if (vswitchId === undefined) {
      r.problems.push(`${where} (${holder}) has no VSwitchId; expected the id of the HaVip's vSwitch`);
      return;
    }
    r.ipv4(vswitchId, holder, field(row, "IpAddress"), `${where}.IpAddress`);
  });
}

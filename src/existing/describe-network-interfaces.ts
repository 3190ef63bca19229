import { field, text } from "./api-json";
import { readRows } from "./row-reader";
import type { UsedAddress } from "./used-address";

/**
 * Reads ECS DescribeNetworkInterfaces responses (NetworkInterfaceSets.NetworkInterfaceSet[]): every ENI,
 * primary and secondary, with its VSwitchId, PrivateIpAddress, PrivateIpSets (primary and secondary
 * private IPv4) and Ipv6Sets. Source: https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describenetworkinterfaces
 */
export function parseDescribeNetworkInterfaces(...responses: unknown[]): UsedAddress[] {
  return readRows("DescribeNetworkInterfaces", responses, "NetworkInterfaceSets", "NetworkInterfaceSet", (row, where, r) => {
    const vswitchId = text(row, "VSwitchId");
    const holder = text(row, "NetworkInterfaceId") ?? where;
    if (vswitchId === undefined) {
      r.problems.push(`${where} (${holder}) has no VSwitchId; expected the id of the ENI's vSwitch`);
      return;
    }
    r.ipv4(vswitchId, holder, field(row, "PrivateIpAddress"), `${where}.PrivateIpAddress`);
    r.sets(row, vswitchId, holder, where);
  });
}

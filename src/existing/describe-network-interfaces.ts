import { field } from "../api-json";
import { DescribeApi, readRows } from "./row-reader";
import type { UsedAddress } from "./used-address";

const API: DescribeApi = {
  name: "DescribeNetworkInterfaces",
  outer: "NetworkInterfaceSets",
  inner: "NetworkInterfaceSet",
  idKey: "NetworkInterfaceId",
  pages: "`aliyun ecs DescribeNetworkInterfaces --RegionId <region> --VpcId <vpc> --MaxResults 500`, then again with `--NextToken <the NextToken it printed>` until it prints none",
};

/**
 * Reads ECS DescribeNetworkInterfaces responses (NetworkInterfaceSets.NetworkInterfaceSet[]): every ENI,
 * primary and secondary, with its VSwitchId, PrivateIpAddress (primary private IPv4), PrivateIpSets
 * (primary and secondary private IPv4), Ipv6Sets, Ipv4PrefixSets and Ipv6PrefixSets. Sources (README,
 * "Existing networks"): https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describenetworkinterfaces
 * and the SDK model aliyun/alibabacloud-typescript-sdk ecs-20140526/src/models/DescribeNetworkInterfacesResponseBody.ts.
 */
export function parseDescribeNetworkInterfaces(...responses: unknown[]): UsedAddress[] {
  return readRows(API, responses, (row, where, r, holder) => {
    const vswitchId = r.vswitchId(row, "VSwitchId", holder, where, "the ENI's vSwitch");
    if (vswitchId === undefined) return;
    r.add("ipv4", vswitchId, holder, field(row, "PrivateIpAddress"), `${where}.PrivateIpAddress`);
    r.eniSets(row, vswitchId, holder, where);
  });
}

import { show } from "../show";
import { field, isRecord } from "../api-json";
import { text } from "./api-json";
import { DescribeApi, readRows } from "./row-reader";
import type { UsedAddress } from "./used-address";

const API: DescribeApi = {
  name: "DescribeInstances",
  outer: "Instances",
  inner: "Instance",
  idKey: "InstanceId",
  pages:
    "`aliyun ecs DescribeInstances --RegionId <region> --VpcId <vpc> --AdditionalAttributes.1 NETWORK_PRIMARY_ENI_IP --MaxResults 100`, then again with `--NextToken <the NextToken it printed>` until it prints none",
};

/**
 * Reads ECS DescribeInstances responses (Instances.Instance[]): VpcAttributes.VSwitchId and
 * VpcAttributes.PrivateIpAddress.IpAddress[], and of the primary ENI (NetworkInterfaces.NetworkInterface[]
 * with Type Primary) its PrimaryIpAddress, PrivateIpSets, Ipv6Sets, Ipv4PrefixSets and Ipv6PrefixSets,
 * which the API returns only when the request has AdditionalAttributes.N = NETWORK_PRIMARY_ENI_IP.
 * Those rows carry no vSwitch id, so secondary ENIs (which may sit in another vSwitch) are skipped: read
 * them with DescribeNetworkInterfaces. Classic-network instances (no vSwitch) are skipped. Sources (README,
 * "Existing networks"): https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeinstances
 * and the SDK models aliyun/alibabacloud-typescript-sdk ecs-20140526/src/models/DescribeInstancesResponseBodyInstancesInstance{VpcAttributes,NetworkInterfacesNetworkInterface}.ts.
 */
export function parseDescribeInstances(...responses: unknown[]): UsedAddress[] {
  return readRows(API, responses, (row, where, r, holder) => {
    const vpc = field(row, "VpcAttributes");
    if (!isRecord(vpc) || text(vpc, "VSwitchId") === undefined) {
      if (text(row, "InstanceNetworkType") === "classic") return; // no vSwitch, no vSwitch address
      r.problems.push(`${where} (${holder}) has no VpcAttributes.VSwitchId; expected the id of the instance's vSwitch`);
      return;
    }
    const vswitchId = text(vpc, "VSwitchId")!;
    const primaryIps = r.list(vpc, "PrivateIpAddress", "IpAddress", `${where}.VpcAttributes`);
    primaryIps.forEach((ip, i) => r.add("ipv4", vswitchId, holder, ip, `${where}.VpcAttributes.PrivateIpAddress.IpAddress[${i}]`));
    r.list(row, "NetworkInterfaces", "NetworkInterface", where).forEach((eni, i) => {
      const w = `${where}.NetworkInterfaces.NetworkInterface[${i}]`;
      if (!isRecord(eni)) {
        r.problems.push(`${w} is ${show(eni)}; expected an object`);
        return;
      }
      const type = text(eni, "Type");
      // The primary ENI is in the instance's vSwitch; without a Type, only the ENI holding the instance's primary IP is known to be it.
      const primary = type === undefined ? primaryIps.includes(field(eni, "PrimaryIpAddress")) : type === "Primary";
      if (!primary) return;
      const id = text(eni, "NetworkInterfaceId") ?? holder;
      r.add("ipv4", vswitchId, id, field(eni, "PrimaryIpAddress"), `${w}.PrimaryIpAddress`);
      r.eniSets(eni, vswitchId, id, w);
    });
  });
}

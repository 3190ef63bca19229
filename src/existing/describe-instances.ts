import { show } from "../show";
import { field, isRecord, text, wrappedList } from "./api-json";
import { readRows } from "./row-reader";
import type { UsedAddress } from "./used-address";

/**
 * Reads ECS DescribeInstances responses (Instances.Instance[]): VpcAttributes.VSwitchId and
 * VpcAttributes.PrivateIpAddress.IpAddress, and the primary ENI's PrimaryIpAddress, PrivateIpSets and
 * Ipv6Sets. Secondary ENIs carry no vSwitch id there (read them with DescribeNetworkInterfaces);
 * classic-network instances (no vSwitch) are skipped. Source:
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeinstances
 */
export function parseDescribeInstances(...responses: unknown[]): UsedAddress[] {
  return readRows("DescribeInstances", responses, "Instances", "Instance", (row, where, r) => {
    const holder = text(row, "InstanceId") ?? where;
    const vpc = field(row, "VpcAttributes");
    const vswitchId = isRecord(vpc) ? text(vpc, "VSwitchId") : undefined;
    if (vswitchId === undefined) {
      if (text(row, "InstanceNetworkType") === "classic") return; // no vSwitch, no vSwitch address
      r.problems.push(`${where} (${holder}) has no VpcAttributes.VSwitchId; expected the id of the instance's vSwitch`);
      return;
    }
    wrappedList(vpc as Record<string, unknown>, "PrivateIpAddress", "IpAddress", `${where}.VpcAttributes`).forEach((ip, i) =>
      r.ipv4(vswitchId, holder, ip, `${where}.VpcAttributes.PrivateIpAddress.IpAddress[${i}]`),
    );
    wrappedList(row, "NetworkInterfaces", "NetworkInterface", where).forEach((eni, i) => {
      const w = `${where}.NetworkInterfaces.NetworkInterface[${i}]`;
      if (!isRecord(eni)) {
        r.problems.push(`${w} is ${show(eni)}; expected an object`);
        return;
      }
      if (text(eni, "Type") !== undefined && text(eni, "Type") !== "Primary") return; // no vSwitch id here
      const id = text(eni, "NetworkInterfaceId") ?? holder;
      r.ipv4(vswitchId, id, field(eni, "PrimaryIpAddress"), `${w}.PrimaryIpAddress`);
      r.sets(eni, vswitchId, id, w);
    });
  });
}

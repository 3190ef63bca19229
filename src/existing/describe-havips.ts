import { field } from "../api-json";
import { DescribeApi, readRows } from "./row-reader";
import type { UsedAddress } from "./used-address";

const API: DescribeApi = {
  name: "DescribeHaVips",
  outer: "HaVips",
  inner: "HaVip",
  idKey: "HaVipId",
  pages: "`aliyun vpc DescribeHaVips --RegionId <region> --PageSize 50 --PageNumber <1, 2, ...>` until PageNumber x PageSize reaches TotalCount",
};

/**
 * Reads VPC DescribeHaVips responses (HaVips.HaVip[]): VSwitchId and IpAddress. Sources (README,
 * "Existing networks"): https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-describehavips
 * and the SDK model aliyun/alibabacloud-typescript-sdk vpc-20160428/src/models/DescribeHaVipsResponseBody.ts.
 */
export function parseDescribeHaVips(...responses: unknown[]): UsedAddress[] {
  return readRows(API, responses, (row, where, r, holder) => {
    const vswitchId = r.vswitchId(row, "VSwitchId", holder, where, "the HaVip's vSwitch");
    if (vswitchId === undefined) return;
    r.add("ipv4", vswitchId, holder, field(row, "IpAddress"), `${where}.IpAddress`);
  });
}

export * from "./multi-ip-instance";
export * from "./failover-eni";
export * from "./ha-cluster-eni";
export * from "./segmented-instance";
export * from "./multi-prefix-instance";

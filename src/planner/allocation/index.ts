export * from "./address-pool";
export * from "./lock-file";
export * from "./ip-allocator";
export * from "./ipv6-allocator";
export * from "./prefix-allocator";

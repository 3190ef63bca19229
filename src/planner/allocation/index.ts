export * from "./address-pool";
export * from "./lock-file";
export * from "./ip-allocator";

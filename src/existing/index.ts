export * from "./describe-error";
export * from "./describe-havips";
export * from "./describe-instances";
export * from "./describe-network-interfaces";
export * from "./used-address";
export * from "./used-addresses";

/**
 * cdktf-alicloud-eni: CDK for Terraform constructs that make Alibaba Cloud Elastic Network
 * Interfaces safe. A synth-time planner checks every documented limit and pre-allocates
 * every private IP before any Terraform JSON is written.
 */
export * as alicloud from "./provider";
export { PROVIDER_SCHEMA_VERSION, PROVIDER_VERSION_CONSTRAINT } from "./provider-constraint";
export { EniConfigError, EniConfigErrorOptions, runEniApp } from "./errors";
export * from "./net/ipv4";
export * from "./catalog";
export * from "./existing";
export * from "./resources";
export * from "./planner";
export * from "./scenarios";
export * from "./guest";
export { migrateHaVipState } from "./migrate/havip-state";
export type { HaVipStateMigration } from "./migrate/havip-state";

/** Instance-type ENI limits: the catalog, its rows and its error type. */
export { InstanceTypeCatalogError } from "./catalog-error";
export type { InstanceTypeLimits } from "./instance-type";
export { InstanceTypeCatalog } from "./instance-type-catalog";
export { DESCRIBE_INSTANCE_TYPES_SOURCE } from "./describe-instance-types";

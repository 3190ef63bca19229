/** Fully qualified name of the alicloud provider in the pinned schema. */
export const PROVIDER_FQPN = "registry.terraform.io/aliyun/alicloud";
/** Source address users write in required_providers and cdktf.json. */
export const PROVIDER_SOURCE = "aliyun/alicloud";
/** Version of the provider whose schema is pinned in `provider-schema/`. */
export const PROVIDER_SCHEMA_VERSION = "1.283.0";
/** Constraint written to `required_providers.alicloud.version` (and `cdktf.json`). */
export const PROVIDER_VERSION_CONSTRAINT = "~> 1.283";

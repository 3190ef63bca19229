/**
 * The one place this library imports cdktf from. HashiCorp archived cdktf on 2025-12-10;
 * the community fork CDK Terrain (`cdktn`) is API-compatible: scripts/build-cdktn.js builds
 * cdktn-alicloud-eni from the same src/ with this file importing "cdktn" (see scripts/core.js).
 */
import type { IConstruct } from "constructs";
import { DefaultTokenResolver, StringConcat, Tokenization } from "cdktf";

export { AnnotationMetadataEntryType, App, Annotations, Fn, Lazy, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token, Tokenization, dependable } from "cdktf";
export type { IResolvable, IResolveContext, ITerraformDependable, TerraformResource } from "cdktf";

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Resolves the tokens in a value as a stack's synthesis does (cdktf keeps its own helper private). */
export function resolveIn<T>(scope: IConstruct, value: T): T {
  return Tokenization.resolve(value, { scope, preparing: false, resolver: RESOLVER }) as T;
}

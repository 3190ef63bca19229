/**
 * The one place this library imports cdktf from. HashiCorp archived cdktf on 2025-12-10;
 * the community fork CDK Terrain (`cdktn`) is API-compatible, so moving means changing
 * this file (and package.json), nothing else.
 */
export {
  App,
  Annotations,
  Fn,
  Lazy,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
  Tokenization,
} from "cdktf";
export type { IResolvable, ITerraformDependable, TerraformResource } from "cdktf";

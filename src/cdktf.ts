/**
 * The one place that imports the CDK for Terraform core library.
 *
 * HashiCorp archived `cdktf` in December 2025; CDK Terrain (`cdktn`) is its drop-in fork. Every
 * other file imports the core from here, and the provider bindings by their `lib/<resource>`
 * paths, which `@cdktf/provider-aws` and `@cdktn/provider-aws` share: so the package's
 * `efs-modules/cdktn` entry is this source compiled once, with those imports renamed in a copy
 * of the output (scripts/build-cdktn.js).
 */
export {
  App,
  Annotations,
  DataResource,
  AssetType,
  DefaultTokenResolver,
  StringConcat,
  Tokenization,
  Fn,
  TerraformAsset,
  TerraformDataSource,
  TerraformElement,
  TerraformIterator,
  TerraformLocal,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
  dependable,
  ref,
} from 'cdktf';
export type { IResolvable, IResolveContext, ITerraformDependable } from 'cdktf';
export { Construct } from 'constructs';

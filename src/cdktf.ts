/**
 * The one place that imports the CDK for Terraform core library.
 *
 * HashiCorp archived `cdktf` in December 2025; `cdktn` is its drop-in fork. Every other
 * file imports from here, so switching is this one edit (plus package.json).
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

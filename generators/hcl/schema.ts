/**
 * The shape of the provider schema the HCL printer reads: which keys are nested blocks
 * (generators/schema/aws-blocks.json).
 */
export interface BlockSchema {
  readonly nesting: 'list' | 'set' | 'single' | 'map' | 'group';
  readonly blocks?: Readonly<Record<string, BlockSchema>>;
}
export type TypeSchema = Readonly<Record<string, BlockSchema>>;
export interface ProviderBlocks {
  readonly resource: Readonly<Record<string, TypeSchema>>;
  readonly data: Readonly<Record<string, TypeSchema>>;
}

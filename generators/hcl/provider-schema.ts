/**
 * The part of the provider schema the HCL printer reads: which keys of a resource or data source
 * are nested blocks (and how they nest) rather than attributes. Its own file, so that the printer
 * and the argument roles both read it without importing one another.
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

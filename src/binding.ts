/**
 * Which CDK core this build of the package runs on. The source says `cdktf`; the CDK Terrain
 * build (`scripts/build-cdktn.js`, dist/cdktn/) rewrites the imports and this one value, so the
 * peer checks know which entry they guard. Typed, so the declaration files carry no literal.
 */
export type CoreName = 'cdktf' | 'cdktn';

export const CORE: CoreName = 'cdktf';

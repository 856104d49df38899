/**
 * Comments that carry the reasoning of a module's build code into the generated main.tf: a build
 * explains a resource, data source or local once (`ctx.explain`), and the HCL generator prints the
 * text as a `#` comment above that block. Constructs ignore them (the TypeScript source is the doc).
 */
import type { TerraformElement } from '../cdktf';

const comments = new WeakMap<TerraformElement, string>();

/** Records why an element is written as it is; a second call on the same element appends a paragraph. */
export function recordComment(element: TerraformElement, why: string): void {
  const before = comments.get(element);
  comments.set(element, before ? `${before}\n\n${why}` : why);
}

/** The comment recorded for an element, if any. */
export function commentOf(element: TerraformElement): string | undefined {
  return comments.get(element);
}

/**
 * Comments that carry the reasoning of a module's build code into the generated main.tf: a build
 * explains a resource, data source or local once (`ctx.explain`), and the HCL generator prints the
 * text as a `#` comment above that block; a build's parts file what they create under a concern
 * (`concern`), a banner in main.tf. Constructs ignore both (the TypeScript source is the doc).
 */
import { type Construct, TerraformElement } from '../cdktf';

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

const concerns = new WeakMap<TerraformElement, string>();

/**
 * Runs one part of a build (a build-*.ts file's function) and files every element it creates
 * under `title`: main.tf opens each concern with a `####` banner, as terraform-aws-modules do,
 * and prints its locals and blocks beneath it. Elements an earlier part created keep their concern.
 */
export function concern<T>(scope: Construct, title: string, part: () => T): T {
  const before = new Set(scope.node.findAll());
  const result = part();
  for (const c of scope.node.findAll()) {
    if (!before.has(c) && c instanceof TerraformElement && !concerns.has(c)) concerns.set(c, title);
  }
  return result;
}

/** The concern an element was created under, if any. */
export function concernOf(element: TerraformElement): string | undefined {
  return concerns.get(element);
}

const argumentComments = new WeakMap<TerraformElement, Record<string, string>>();

/**
 * Says why one argument or nested block of an element is written as it is: main.tf prints the text
 * as a `#` comment right above it. `path` names it inside the element's body, through its blocks
 * (dynamic ones by their name): `count`, `statement.principals`, `rule.copy_action.lifecycle`.
 */
export function explainArgument<T extends TerraformElement>(element: T, path: string, why: string): T {
  argumentComments.set(element, { ...argumentComments.get(element), [path]: why });
  return element;
}

/** The comments recorded for an element's arguments, by path. */
export function argumentCommentsOf(element: TerraformElement): Readonly<Record<string, string>> | undefined {
  return argumentComments.get(element);
}

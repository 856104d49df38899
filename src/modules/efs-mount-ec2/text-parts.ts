/**
 * How the boot script's pieces (fstab.ts, script.ts) put text and values together, written once
 * for two kinds of value: plain strings, for the size check and the tests, and expressions of
 * src/core/expr.ts, for the build, where `text` of expr.ts makes a template whose literal text
 * the renderer escapes.
 */

/** Joins literal text and values of type `T` into one `T`, in order. */
export type TextOf<T> = (...parts: (string | T)[]) => T;

/** For plain strings: the parts, concatenated. */
export const plainText: TextOf<string> = (...parts) => parts.join('');

/**
 * Terraform addresses and references as name lists.
 *
 * The configuration is analysed per configuration object, not per instance:
 * `module.app["a"].aws_lambda_function.this[0]` and the reference
 * `module.app[0].aws_lambda_function.this` both name the configuration object
 * `module.app.aws_lambda_function.this`.
 */

/** The dot-separated names of an address or reference, instance keys (`[0]`, `["a.b"]`, `[*]`) dropped. */
export function addressNames(address: string): string[] {
  const names: string[] = [];
  let current = '';
  let i = 0;
  while (i < address.length) {
    const ch = address[i];
    if (ch === '.') {
      names.push(current);
      current = '';
      i += 1;
    } else if (ch === '[') {
      i = endOfIndex(address, i);
    } else {
      current += ch;
      i += 1;
    }
  }
  names.push(current);
  return names.filter((name) => name !== '');
}

/** Position just after the `]` closing the index that opens at `start`; quoted keys may hold `.` and `]`. */
function endOfIndex(text: string, start: number): number {
  let inString = false;
  for (let i = start + 1; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === ']') {
      return i + 1;
    }
  }
  return text.length;
}

/** `module.a["x"].aws_x.y[0]` → `module.a.aws_x.y`. */
export function configAddress(instanceAddress: string): string {
  return addressNames(instanceAddress).join('.');
}

/** `module.a["x"].module.b` → ['a', 'b']. */
export function modulePathOf(moduleAddress: string | undefined): string[] {
  if (!moduleAddress) return [];
  const names = addressNames(moduleAddress);
  return names.filter((_, i) => i % 2 === 1);
}

/** ['a', 'b'] → `module.a.module.b.`; [] → ``. */
export function modulePrefix(modulePath: readonly string[]): string {
  return modulePath.map((call) => `module.${call}.`).join('');
}

/** What a reference in an expression points at, relative to the module it is written in. */
export type Reference =
  | { kind: 'resource'; address: string; attribute?: string }
  | { kind: 'variable'; name: string }
  | { kind: 'local'; name: string }
  | { kind: 'module'; call: string; output?: string }
  | { kind: 'meta' };

const META_ROOTS = new Set(['count', 'each', 'path', 'terraform', 'self']);

export function parseReference(reference: string): Reference {
  const [root, second, third, fourth] = addressNames(reference);
  if (root === undefined || META_ROOTS.has(root)) return { kind: 'meta' };
  if (root === 'var' && second) return { kind: 'variable', name: second };
  if (root === 'local' && second) return { kind: 'local', name: second };
  if (root === 'module' && second) return { kind: 'module', call: second, output: third };
  if ((root === 'data' || root === 'ephemeral') && second && third) {
    return { kind: 'resource', address: `${root}.${second}.${third}`, attribute: fourth };
  }
  if (second) return { kind: 'resource', address: `${root}.${second}`, attribute: third };
  return { kind: 'meta' };
}

/**
 * Terraform lists every prefix of a traversal as its own reference:
 * `module.efs.file_system.id` comes with `module.efs.file_system` and `module.efs`.
 * Keeping only the most specific ones matters: a bare `module.efs` means the
 * whole module (all its outputs), which is not what the expression read.
 */
export function mostSpecific(references: readonly string[]): string[] {
  const unique = [...new Set(references)];
  return unique.filter(
    (ref) => !unique.some((other) => other !== ref && (other.startsWith(`${ref}.`) || other.startsWith(`${ref}[`))),
  );
}

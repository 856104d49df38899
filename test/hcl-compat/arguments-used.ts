/**
 * The provider arguments a generated module sets: for each `resource` and `data` block, the
 * path of every argument written in it (`rule.copy_action.destination_vault_arn`), dynamic
 * blocks counted as the block they generate. Meta-arguments (for_each, count, depends_on,
 * provider, lifecycle) are Terraform's, not the provider's, and are left out.
 *
 * Reads the layout `terraform fmt` gives the generated files: one block header or argument
 * per line, a block closed by a line holding only `}`; a multi-line value is skipped by
 * counting its brackets outside strings.
 */
import { stripCommentsAndStrings } from './features';

export interface ArgumentUse {
  /** `aws_efs_file_system`, or `data.aws_iam_policy_document` for a data source. */
  readonly type: string;
  /** The argument's path; '' stands for the resource or data source type itself. */
  readonly path: string;
}

// for_each also covers that of dynamic blocks, and iterator theirs.
const META_ARGUMENTS = new Set(['for_each', 'count', 'depends_on', 'provider', 'iterator']);
/** Blocks of Terraform's own, at the top level of a resource. */
const META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);

const bracketBalance = (code: string): number =>
  [...code].reduce((n, c) => n + ('([{'.includes(c) ? 1 : ')]}'.includes(c) ? -1 : 0), 0);

export function argumentsUsed(source: string): ArgumentUse[] {
  const raw = source.split('\n');
  const code = stripCommentsAndStrings(source).split('\n');
  if (raw.length !== code.length) throw new Error('arguments-used: stripping changed the line count');
  const found = new Map<string, ArgumentUse>();
  let type: string | null = null;
  // Open blocks inside the resource: a name, or null for a block whose arguments are not the provider's.
  const blocks: (string | null)[] = [];
  let pending = 0; // brackets still open in a multi-line value

  raw.forEach((line, i) => {
    if (pending > 0) {
      pending += bracketBalance(code[i]);
      return;
    }
    const header = line.match(/^(resource|data) "([a-z0-9_]+)" "[^"]+" \{$/);
    if (header) {
      type = header[2].startsWith('aws_') ? `${header[1] === 'data' ? 'data.' : ''}${header[2]}` : null;
      blocks.length = 0;
      if (type) found.set(`${type} `, { type, path: '' });
      return;
    }
    if (/^\S/.test(line)) {
      if (/^\}\s*$/.test(line)) type = null;
      else if (/\{\s*$/.test(line)) type = null; // locals, output, variable, terraform
      return;
    }
    const dynamic = line.match(/^\s+dynamic "([a-z0-9_]+)" \{$/);
    const block = line.match(/^\s+([a-z0-9_]+) \{$/);
    if (dynamic || block) {
      const blockName = (dynamic ?? block)![1];
      const inMeta = blocks.includes(null);
      if (dynamic) blocks.push(inMeta ? null : blockName);
      else if (blockName === 'content') blocks.push('');
      else blocks.push(inMeta || (blocks.length === 0 && META_BLOCKS.has(blockName)) ? null : blockName);
      return;
    }
    if (/^\s+\}$/.test(line)) {
      blocks.pop();
      return;
    }
    const argument = line.match(/^\s+([a-z0-9_]+)\s*=(.*)$/);
    if (argument && type) {
      pending = bracketBalance(code[i].slice(code[i].indexOf('=') + 1));
      if (blocks.includes(null) || META_ARGUMENTS.has(argument[1])) return;
      const path = [...blocks.filter((b): b is string => !!b), argument[1]].join('.');
      found.set(`${type} ${path}`, { type, path });
    }
  });
  return [...found.values()].sort((a, b) => `${a.type} ${a.path}`.localeCompare(`${b.type} ${b.path}`));
}

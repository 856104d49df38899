/**
 * Splits a synthesized stack's `cdk.tf.json` into one file per construct.
 *
 * Terraform renders each diagnostic at a cost that grows with the size of the file it points
 * into. Measured with terraform 1.11.4 on the token-rules stack (53 constructs, a 1.6 MB
 * cdk.tf.json, 155 failed preconditions): `terraform plan -json` took 30.9 s as synthesized and
 * 6.9 s split this way, with the same diagnostics. Terraform reads every `*.tf.json` of a
 * directory as one configuration, so the split files plan exactly as the one file did.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

/** The file cdktf synthesizes a stack into; after the split it keeps every block but resources and data sources. */
export const STACK_FILE = 'cdk.tf.json';

/** Top-level blocks whose entries (type → name → block) carry cdktf's construct path. */
const PER_CONSTRUCT = ['resource', 'data'] as const;

/** Resources and data sources that carry no construct path share this file. */
const COMMON_FILE = 'cdk.common.tf.json';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: Json) => Object.keys(v).length === 0;

/** The construct a block belongs to: the second segment of `"//".metadata.path` (`<stack>/<construct id>/…`). */
function constructOf(block: unknown): string | undefined {
  const path =
    isObject(block) && isObject(block['//']) && isObject(block['//'].metadata) ? block['//'].metadata.path : undefined;
  return typeof path === 'string' ? path.split('/')[1] : undefined;
}

/**
 * The file name of a construct's blocks. The id is kept readable but reduced to safe
 * characters, and the name never ends in `_override.tf.json` (Terraform would read such a
 * file as an override) nor starts with a dot (Terraform would skip it).
 */
function fileOf(construct: string | undefined): string {
  return construct === undefined ? COMMON_FILE : `cdk.${construct.replace(/[^A-Za-z0-9_-]/g, '_')}.construct.tf.json`;
}

/**
 * The same configuration as several files: `cdk.tf.json` with every top-level block but
 * `resource` and `data`, and each construct's resources and data sources in a file of their own.
 * The union of the files is exactly the input.
 */
function splitConfiguration(config: Json): Record<string, Json> {
  const files: Record<string, Json> = { [STACK_FILE]: {} };
  for (const [key, value] of Object.entries(config)) {
    if (!(PER_CONSTRUCT as readonly string[]).includes(key) || !isObject(value) || isEmpty(value)) {
      files[STACK_FILE][key] = value;
      continue;
    }
    for (const [type, blocks] of Object.entries(value)) {
      // Anything but a map of named blocks (a `"//"` comment, say) stays whole in the common file;
      // so does an empty map, which no construct would otherwise keep.
      if (!isObject(blocks) || isEmpty(blocks)) {
        section(files, COMMON_FILE, key)[type] = blocks;
        continue;
      }
      for (const [name, block] of Object.entries(blocks)) {
        const byName = (section(files, fileOf(constructOf(block)), key)[type] ??= {}) as Json;
        byName[name] = block;
      }
    }
  }
  return files;
}

/** `files[file][key]`, created empty when absent. */
function section(files: Record<string, Json>, file: string, key: string): Json {
  const content = (files[file] ??= {});
  return (content[key] ??= {}) as Json;
}

/**
 * Rewrites `<dir>/cdk.tf.json` as the files of `splitConfiguration`, to be planned in its
 * place. Returns the names of the files written.
 */
export function splitStack(dir: string): string[] {
  const config = JSON.parse(readFileSync(join(dir, STACK_FILE), 'utf8')) as Json;
  const files = splitConfiguration(config);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content, null, 2));
  return Object.keys(files);
}

/**
 * Which AWS provider configuration a root module plans with, as far as the harness can be sure
 * of it: plans with the same configuration may share one configured provider process
 * (test/support/provider-broker.ts), plans with different ones must not.
 *
 * The harness gives every root it plans the offline settings of providerOverride() (region plus
 * fake credentials and skip flags). A root is recognised as "exactly that configuration" only
 * when every `provider "aws"` block of the root is either that override block or a block of its
 * own holding nothing but `region` (which the override replaces: terraform merges an override's
 * attributes over the block's own), no block has an alias, and no child module declares
 * providers of its own. Anything else (default_tags, assume_role, aliases, expressions) gives
 * undefined: that root's plans start their own provider process as before.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The attribute lines of providerOverride(region) besides region, in its canonical spelling. */
export const OFFLINE_PROVIDER_SETTINGS = [
  'access_key                  = "test"',
  'secret_key                  = "test"',
  'skip_credentials_validation = true',
  'skip_requesting_account_id  = true',
  'skip_region_validation      = true',
  'skip_metadata_api_check     = true',
];

const REGION_LINE = /^region\s*=\s*"([a-z0-9-]+)"$/;

/** Bodies (text between the braces) of the top-level `provider "aws"` blocks of an HCL file. */
function awsProviderBlocks(text: string): string[] {
  const bodies: string[] = [];
  const start = /^provider\s+"aws"\s*\{/gm;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    }
    bodies.push(text.slice(m.index + m[0].length, i - 1));
  }
  return bodies;
}

/** Non-empty, trimmed lines of a block body without comments. */
function bodyLines(body: string): string[] {
  return body
    .split('\n')
    .map((line) => line.replace(/(#|\/\/).*$/, '').trim())
    .filter((line) => line !== '');
}

/** The region of a block written by providerOverride(region) with no alias, else undefined. */
function offlineRegion(body: string): string | undefined {
  const lines = bodyLines(body);
  const region = lines.map((l) => REGION_LINE.exec(l)?.[1]).find(Boolean);
  const rest = lines.filter((l) => !REGION_LINE.test(l));
  const same =
    rest.length === OFFLINE_PROVIDER_SETTINGS.length && OFFLINE_PROVIDER_SETTINGS.every((s) => rest.includes(s));
  return lines.length === rest.length + 1 && same ? region : undefined;
}

/** Whether a root's own block sets nothing but a literal region (which the override replaces). */
function onlyRegion(body: string): boolean {
  return bodyLines(body).every((l) => REGION_LINE.test(l));
}

const isOverrideFile = (file: string): boolean => /(^|_)override\.tf(\.json)?$/.test(file);

/** `provider.aws` of a .tf.json file, as written by cdktf: an object or a list of objects. */
function jsonProviderBlocks(text: string): unknown[] {
  const aws = (JSON.parse(text) as { provider?: { aws?: unknown } }).provider?.aws;
  return aws === undefined ? [] : Array.isArray(aws) ? aws : [aws];
}

/**
 * Whether any module terraform init installed for dir declares provider configurations itself,
 * or the root calls modules that init has not recorded (then the harness cannot tell).
 */
function childModulesDeclareProviders(dir: string, rootText: string): boolean {
  const manifest = path.join(dir, '.terraform', 'modules', 'modules.json');
  if (!fs.existsSync(manifest)) return /^module\s+"|"module"\s*:/m.test(rootText);
  const modules =
    (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { Modules?: { Key: string; Dir: string }[] }).Modules ?? [];
  return modules
    .filter((m) => m.Key !== '')
    .some((m) => {
      const moduleDir = path.resolve(dir, m.Dir);
      return fs
        .readdirSync(moduleDir)
        .filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json'))
        .some((f) =>
          /provider\s+"aws"|"provider"\s*:|configuration_aliases/.test(
            fs.readFileSync(path.join(moduleDir, f), 'utf8'),
          ),
        );
    });
}

/**
 * `aws-offline:<region>` when every AWS provider configuration of the root at dir is exactly
 * providerOverride(region) (see the file comment), else undefined.
 */
export function offlineProviderKey(dir: string): string | undefined {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json'));
  const regions: string[] = [];
  let rootText = '';
  let ownBlocks = 0;
  let overrideInBaseFile = false;
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    rootText += `${text}\n`;
    if (file.endsWith('.tf.json')) {
      for (const block of jsonProviderBlocks(text)) {
        const keys = Object.keys(block as object);
        if (keys.some((k) => k !== 'region') || typeof (block as { region?: unknown }).region !== 'string')
          return undefined;
        ownBlocks++;
      }
      continue;
    }
    for (const body of awsProviderBlocks(text)) {
      const region = offlineRegion(body);
      if (region) {
        regions.push(region);
        if (!isOverrideFile(file)) overrideInBaseFile = true;
      } else if (onlyRegion(body)) {
        ownBlocks++;
      } else {
        return undefined;
      }
    }
  }
  // One offline block: either the root's only block, or an override file's block merged into
  // the root's one block of its own.
  if (regions.length !== 1) return undefined;
  if (overrideInBaseFile ? ownBlocks !== 0 : ownBlocks > 1) return undefined;
  if (childModulesDeclareProviders(dir, rootText)) return undefined;
  return `aws-offline:${regions[0]}`;
}

/**
 * Writes generators/schema/aws-blocks.json: for the AWS resource and data
 * source types this project uses, which keys are nested blocks (printed
 * `name { … }`) rather than attributes (`name = …`), recursively, with each
 * block's nesting mode. The HCL printer needs this because cdktf's synthesized
 * JSON writes blocks and attributes the same way.
 *
 * Usage: npm run schema (node scripts/run-ts.js scripts/provider-blocks.ts)
 */
import * as fs from 'fs';
import * as path from 'path';
import { init, makeTempDir, removeTempDirs, terraform } from '../test/support/terraform';

const PROVIDER_VERSION = '5.100.0';
const PROVIDER_KEY = 'registry.terraform.io/hashicorp/aws';
const OUTPUT = path.join(__dirname, '..', 'generators', 'schema', 'aws-blocks.json');

// Plain string prefixes, so `aws_vpc` also covers aws_vpc_* and aws_vpclattice_*
// and `aws_subnet` covers the aws_subnets data source.
const PREFIXES = [
  'aws_efs_',
  'aws_security_group',
  'aws_vpc_security_group_',
  'aws_iam_',
  'aws_lambda_function',
  'aws_lambda_permission',
  'aws_ecs_',
  'aws_backup_',
  'aws_vpc',
  'aws_subnet',
  'aws_kms_key',
  'aws_cloudwatch_log_group',
  'aws_cloudwatch_metric_alarm',
  'aws_lb',
  'aws_route_table',
  'aws_internet_gateway',
  'aws_nat_gateway',
  'aws_eip',
];
const EXTRA_DATA_SOURCES = [
  'aws_iam_policy_document',
  'aws_partition',
  'aws_region',
  'aws_caller_identity',
  'aws_availability_zones',
];

/** The subset of `terraform providers schema -json` read here. */
interface SchemaBlock {
  block_types?: Record<string, { nesting_mode: string; max_items?: number; block: SchemaBlock }>;
}
interface ProviderSchema {
  resource_schemas: Record<string, { block: SchemaBlock }>;
  data_source_schemas: Record<string, { block: SchemaBlock }>;
}

interface BlockInfo {
  nesting: string;
  max_items?: number;
  blocks: Blocks;
}
type Blocks = Record<string, BlockInfo>;

function blocksOf(block: SchemaBlock): Blocks {
  const out: Blocks = {};
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    out[name] = {
      nesting: nested.nesting_mode,
      ...(nested.max_items ? { max_items: nested.max_items } : {}),
      blocks: blocksOf(nested.block),
    };
  }
  return out;
}

function select(
  schemas: Record<string, { block: SchemaBlock }>,
  wanted: (type: string) => boolean,
): Record<string, Blocks> {
  return Object.fromEntries(
    Object.entries(schemas)
      .filter(([type]) => wanted(type))
      .map(([type, schema]) => [type, blocksOf(schema.block)]),
  );
}

/** Recursively sorted object keys, for a deterministic file. */
function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

async function loadSchema(): Promise<ProviderSchema> {
  const dir = makeTempDir('efs-modules-schema-');
  fs.writeFileSync(
    path.join(dir, 'main.tf'),
    `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${PROVIDER_VERSION}"\n    }\n  }\n}\n`,
  );
  await init(dir);
  const { stdout } = await terraform(dir, ['providers', 'schema', '-json']);
  const schema = JSON.parse(stdout).provider_schemas?.[PROVIDER_KEY] as ProviderSchema | undefined;
  if (!schema) throw new Error(`terraform providers schema -json has no ${PROVIDER_KEY}`);
  return schema;
}

async function main(): Promise<void> {
  try {
    const schema = await loadSchema();
    const matches = (type: string): boolean => PREFIXES.some((prefix) => type.startsWith(prefix));
    const missing = EXTRA_DATA_SOURCES.filter((type) => !schema.data_source_schemas[type]);
    if (missing.length > 0) throw new Error(`data sources missing from the schema: ${missing.join(', ')}`);
    const document = {
      provider: `hashicorp/aws ${PROVIDER_VERSION}`,
      generated_by: 'scripts/provider-blocks.ts',
      resource: select(schema.resource_schemas, matches),
      data: select(schema.data_source_schemas, (type) => matches(type) || EXTRA_DATA_SOURCES.includes(type)),
    };
    fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
    fs.writeFileSync(OUTPUT, `${JSON.stringify(sortKeys(document), null, 2)}\n`);
    const counts = `${Object.keys(document.resource).length} resources, ${Object.keys(document.data).length} data sources`;
    console.log(`wrote ${path.relative(process.cwd(), OUTPUT)} (${counts}, ${fs.statSync(OUTPUT).size} bytes)`);
  } finally {
    removeTempDirs();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});

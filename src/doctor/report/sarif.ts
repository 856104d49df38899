import { createHash } from 'crypto';
import type { Check } from '../checks/check';
import { CHECKS } from '../checks';
import type { Finding } from '../finding';

/**
 * `--format sarif`: a SARIF 2.1.0 log, the format GitHub code scanning and other readers of
 * static analysis results take. One rule per check (help text, Security Hub controls as tags
 * and a property), one result per finding, located at the plan's resource address (a logical
 * location). The plan JSON does not say in which .tf file or line a resource is written, so a
 * physical location is given only when the caller names a file (`--sarif-file`); GitHub code
 * scanning accepts only results with one.
 */
export interface SarifOptions {
  /** Repository-relative file every result is attached to, e.g. `infra/main.tf`. */
  artifact?: string;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const DOCS = 'https://github.com/your-org/efs-modules/blob/main/docs/doctor.md';
const TOOL = 'efs-modules doctor';

type Level = 'error' | 'warning';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  properties: { tags: string[]; securityHub?: string[] };
}

/** The parts of a SARIF 2.1.0 log this tool writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: { name: string; informationUri: string; rules: SarifRule[] } };
    invocations: Array<{
      executionSuccessful: boolean;
      toolExecutionNotifications?: Array<{ level: Level; message: { text: string } }>;
    }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: Level;
      message: { text: string };
      locations: Array<{
        logicalLocations: Array<{ fullyQualifiedName: string; kind: string }>;
        physicalLocation?: { artifactLocation: { uri: string } };
      }>;
      partialFingerprints: Record<string, string>;
      properties?: { securityHub: string[] };
    }>;
  }>;
}

/** `nfs-rule-rekeyed` → `NfsRuleRekeyed`. */
const pascal = (id: string) => id.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());

function rule(check: Check): SarifRule {
  const controls = check.securityHub ? [...check.securityHub] : [];
  const hub = controls.length > 0 ? ` AWS Security Hub: ${controls.join(', ')}.` : '';
  return {
    id: check.id,
    name: pascal(check.id),
    shortDescription: { text: check.summary },
    fullDescription: { text: check.help },
    help: {
      text: `${check.help}${hub}`,
      markdown: `${check.help}${hub} See [the check catalogue](${DOCS}#${check.id}).`,
    },
    helpUri: `${DOCS}#${check.id}`,
    properties: {
      tags: ['terraform', 'efs', ...controls.map((c) => `security-hub:${c}`)],
      ...(controls.length > 0 ? { securityHub: controls } : {}),
    },
  };
}

/**
 * Stable across runs for the same problem on the same resource, so a code scanning alert is
 * matched, not duplicated.
 */
function fingerprint(f: Finding): string {
  return createHash('sha256').update(`${f.check}\u0000${f.address}`).digest('hex').slice(0, 32);
}

function emptyLog(executionSuccessful: boolean): SarifLog {
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL, informationUri: DOCS, rules: CHECKS.map(rule) } },
        invocations: [{ executionSuccessful }],
        results: [],
      },
    ],
  };
}

export function toSarif(findings: readonly Finding[], options: SarifOptions = {}): SarifLog {
  const log = emptyLog(true);
  const [run] = log.runs;
  const index = new Map(CHECKS.map((check, i) => [check.id as string, i]));
  for (const f of findings) {
    run.results.push({
      ruleId: f.check,
      ruleIndex: index.get(f.check) ?? -1,
      level: f.severity,
      message: { text: `${f.address}: ${f.message}` },
      locations: [
        {
          logicalLocations: [{ fullyQualifiedName: f.address, kind: 'resource' }],
          ...(options.artifact ? { physicalLocation: { artifactLocation: { uri: options.artifact } } } : {}),
        },
      ],
      partialFingerprints: { 'efsModulesDoctor/v1': fingerprint(f) },
      ...(f.securityHub ? { properties: { securityHub: f.securityHub } } : {}),
    });
  }
  return log;
}

/** The log of a run that checked nothing (the input was not a complete plan): no results, and why. */
export function sarifRefusal(message: string): SarifLog {
  const log = emptyLog(false);
  log.runs[0].invocations = [
    { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: message } }] },
  ];
  return log;
}

export function formatSarif(findings: readonly Finding[], options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(findings, options), null, 2)}\n`;
}

import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import { configAddress } from '../plan/address';
import { Planned } from '../plan/planned';
import type { PlanResource } from '../plan/resources';
import type { Json } from '../plan/types';
import type { Check } from './check';
import { attachedTo } from './efs-resources';

const CHECK = 'file-system-tls';
const POLICY_DOCUMENT = { ownerType: 'aws_iam_policy_document', idAttributes: ['json'] };
/** Actions whose denial stops a client from mounting at all. */
const MOUNT_ACTIONS = new Set([
  '*',
  'elasticfilesystem:*',
  'elasticfilesystem:client*',
  'elasticfilesystem:clientmount',
]);

/** What a statement says about TLS, in either policy syntax. */
interface Statement {
  effect: string;
  actions: string[];
  everyone: boolean;
  secureTransportFalse: boolean;
}

const list = (value: Json | undefined): Json[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
const strings = (value: Json | undefined): string[] => list(value).filter((v): v is string => typeof v === 'string');

/** A statement of a policy's JSON text. */
function fromJson(raw: Json): Statement {
  const s = (raw ?? {}) as Record<string, Json>;
  const principal = s.Principal;
  const everyone =
    principal === '*' ||
    (typeof principal === 'object' &&
      principal !== null &&
      !Array.isArray(principal) &&
      strings(principal.AWS).includes('*'));
  const condition = (s.Condition ?? {}) as Record<string, Record<string, Json>>;
  const secureTransportFalse = ['Bool', 'BoolIfExists'].some((test) =>
    strings(condition[test]?.['aws:SecureTransport']).includes('false'),
  );
  return {
    effect: typeof s.Effect === 'string' ? s.Effect : '',
    actions: strings(s.Action),
    everyone,
    secureTransportFalse,
  };
}

/** A `statement` block of an aws_iam_policy_document, as planned. */
function fromDocument(block: Planned): Statement {
  const raw = (block.raw ?? {}) as Record<string, Json>;
  const everyone = list(raw.principals).some((p) => {
    const principal = (p ?? {}) as Record<string, Json>;
    return principal.type === '*' || (principal.type === 'AWS' && strings(principal.identifiers).includes('*'));
  });
  const secureTransportFalse = list(raw.condition).some((c) => {
    const condition = (c ?? {}) as Record<string, Json>;
    return (
      typeof condition.test === 'string' &&
      ['Bool', 'BoolIfExists'].includes(condition.test) &&
      condition.variable === 'aws:SecureTransport' &&
      strings(condition.values).includes('false')
    );
  });
  return {
    effect: typeof raw.effect === 'string' ? raw.effect : 'Allow',
    actions: strings(raw.actions),
    everyone,
    secureTransportFalse,
  };
}

const deniesPlainNfs = (s: Statement): boolean =>
  s.effect === 'Deny' &&
  s.everyone &&
  s.secureTransportFalse &&
  s.actions.some((a) => MOUNT_ACTIONS.has(a.toLowerCase()));

function parsedStatements(text: string): Statement[] | undefined {
  try {
    return list((JSON.parse(text) as Record<string, Json>).Statement).map(fromJson);
  } catch {
    return undefined;
  }
}

/** The statements of a file system policy; undefined when the plan cannot show them. */
function statements(ctx: DoctorContext, policy: PlanResource): Statement[] | undefined {
  const text = policy.after.at('policy').string();
  if (text !== undefined) return parsedStatements(text);
  // Unknown until apply (it names the file system's ARN): read the policy document it comes from.
  const source = ctx.ids.referenced(policy, ['policy'], POLICY_DOCUMENT);
  if (source.unresolved.length > 0) return undefined;
  const documents = (ctx.plan.resource_changes ?? []).filter(
    (rc) =>
      rc.mode === 'data' &&
      rc.type === 'aws_iam_policy_document' &&
      source.tokens.has(`node:${configAddress(rc.address)}`),
  );
  if (documents.length === 0) return undefined;
  const found: Statement[] = [];
  for (const document of documents) {
    const after = Planned.after(document.change);
    found.push(...after.at('statement').items().map(fromDocument));
    for (const sourceDocument of after.at('source_policy_documents').items()) {
      const text = sourceDocument.string();
      if (text === undefined) return undefined;
      found.push(...(parsedStatements(text) ?? []));
    }
  }
  return found;
}

const FIX =
  'add a statement that denies everyone every EFS client action when `aws:SecureTransport` is false: `{ Effect = "Deny", Principal = { AWS = "*" }, Action = "*", Resource = <file system ARN>, Condition = { Bool = { "aws:SecureTransport" = "false" } } }` (modules/efs-filesystem: keep enforce_tls = true).';

function diagnose(ctx: DoctorContext, fileSystem: PlanResource): Finding[] {
  const policies = attachedTo(ctx, 'aws_efs_file_system_policy', fileSystem);
  if (policies.length === 0) {
    return [
      finding(
        CHECK,
        'warning',
        fileSystem.address,
        'has no file system policy, so nothing makes clients use TLS: a client that mounts without the tls option sends file data unencrypted over the network.',
        `give it an aws_efs_file_system_policy that enforces TLS: ${FIX}`,
      ),
    ];
  }
  const all = policies.map((p) => statements(ctx, p));
  if (all.some((s) => s === undefined)) return [];
  if ((all as Statement[][]).some((s) => s.some(deniesPlainNfs))) return [];
  const names = policies.map((p) => p.address).join(', ');
  return [
    finding(
      CHECK,
      'warning',
      fileSystem.address,
      `has a file system policy (${names}) that does not enforce TLS (no Deny on aws:SecureTransport = false for all principals): a client that mounts without the tls option sends file data unencrypted over the network.`,
      FIX,
    ),
  ];
}

export const fileSystemTls: Check = {
  id: CHECK,
  summary: 'a file system policy does not enforce TLS (no Deny on aws:SecureTransport = false)',
  help: 'EFS encrypts data in transit only for clients that mount with TLS. A file system policy with a Deny for every principal when aws:SecureTransport is false makes TLS mandatory; without it (or without a policy) a client can mount in plain NFS. Judged from the policy text, or from the aws_iam_policy_document it is built from.',
  run: (ctx) => ctx.resources.ofType('aws_efs_file_system').flatMap((fs) => diagnose(ctx, fs)),
};

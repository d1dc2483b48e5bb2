/**
 * The shapes every part of `policies/` agrees on. Nothing here knows about
 * stacks or constructs: the engine sees only normalised inventory resources,
 * whatever they were read from (cdktf `cdk.tf.json`, `terraform show -json`
 * plans, CloudFormation templates).
 */

/** Where a resource was read from. */
/** `terraform`: a Terraform module's `.tf` / `.tf.json` files, evaluated statically (policies/readers/terraform-module). */
export type SourceFormat = 'cdktf' | 'terraform-plan' | 'cloudformation' | 'terraform';

/** One resource (or provider / backend block) of the audited infrastructure. */
export interface InventoryResource {
  /**
   * Stable address: `type.name` for Terraform (`module.x.type.name` inside
   * modules), the logical id for CloudFormation. Provider and backend blocks
   * get `provider.<name>` / `terraform.backend.<type>`.
   */
  readonly address: string;
  /** Terraform resource type (`digitalocean_vpc`) or CloudFormation type (`AWS::S3::Bucket`). */
  readonly type: string;
  /** `digitalocean`, `cloudflare`, `aws`, `kubernetes`, `helm`, `terraform`, or the type's prefix. */
  readonly provider: string;
  /** Stack (cdktf stack folder, plan file name, or CloudFormation stack name). */
  readonly stack: string;
  /** File the resource was read from, relative to the audited path when possible. */
  readonly source: string;
  readonly format: SourceFormat;
  /**
   * Attribute values. Nested Terraform blocks are kept as the reader found
   * them: an object in cdktf JSON, a one-element list in plan JSON; checks
   * read them through `policies/values.ts` helpers so both look the same.
   * CloudFormation: the resource's `Properties`.
   */
  readonly values: Readonly<Record<string, unknown>>;
  /** Addresses this resource references (Terraform interpolations, plan references, CFN Ref/GetAtt). */
  readonly references: readonly string[];
  /** Construct path from cdktf / CDK metadata, when the source has one. */
  readonly constructPath?: string;
  /**
   * What the input says the resource is for, when it says so: `backup-vault`
   * for a bucket named by `--vault-bucket` (the vault tag is read from values).
   */
  readonly purpose?: 'backup-vault';
  /** Suppressions the template itself records (cdk-nag, checkov metadata); applied as waivers with their reason. */
  readonly suppressions?: readonly TemplateSuppression[];
}

/** A rule suppression written into the audited template (`Metadata.cdk_nag`, `Metadata.checkov`). */
export interface TemplateSuppression {
  readonly tool: 'cdk-nag' | 'checkov';
  /** The tool's rule id (`AwsSolutions-S1`, `CKV_AWS_18`). */
  readonly rule: string;
  /** The reason written beside it ('' when none). */
  readonly reason: string;
}

/** Facts about one stack that are not resources. */
export interface StackInfo {
  readonly name: string;
  readonly source: string;
  readonly format: SourceFormat;
  /** Deployment region when the format records one (CDK manifest environment for CloudFormation), or `--aws-region`. */
  readonly region?: string;
  /** What the reader could not audit or had to assume (macros, SAM resources, conditions known only at deploy). */
  readonly notes?: readonly string[];
  /** What the stack uses but the audit did not read (remote Terraform modules), one line each; listed in the reports. */
  readonly notAudited?: readonly string[];
}

export interface Inventory {
  readonly resources: readonly InventoryResource[];
  readonly stacks: readonly StackInfo[];
}

/**
 * Built once per audit. Cross-resource checks look things up here instead of
 * scanning every resource for every resource.
 */
export interface InventoryIndex {
  readonly inventory: Inventory;
  /**
   * All resources of a type, in inventory order (empty array when none).
   * With `stack`, only those of that stack: a map lookup, not a filter, so a
   * per-stack or per-resource check that needs its stack's resources of a
   * type stays linear over the inventory.
   */
  byType(type: string, stack?: string): readonly InventoryResource[];
  byAddress(address: string, stack?: string): InventoryResource | undefined;
  /** Resources of one stack. */
  byStack(stack: string): readonly InventoryResource[];
  /** Resources (optionally of one type) that reference `target` (same stack). */
  referencing(target: InventoryResource, type?: string): readonly InventoryResource[];
  /** Resources (optionally of one type) that `from` references (same stack). */
  referencedBy(from: InventoryResource, type?: string): readonly InventoryResource[];
  stack(name: string): StackInfo | undefined;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export type GdprArt32Letter = 'a' | 'b' | 'c' | 'd';

import type { TomCategory } from '../data/measures';

/** The eight classic German TOM categories: one list, in `data/measures.ts`. */
export type { TomCategory };

/** Outcome of one check on one subject. */
export type CheckResult =
  | { readonly status: 'pass'; readonly reason?: string; readonly path?: string }
  | { readonly status: 'fail'; readonly reason: string; readonly path: string }
  | { readonly status: 'not-applicable'; readonly reason?: string }
  /**
   * The deciding value is not known before apply (a variable without a value,
   * a data source, another resource's computed attribute, an intrinsic the
   * reader cannot evaluate). `reason` names the expression that decided it.
   * Never a pass: by default it blocks the gate like a failure.
   */
  | { readonly status: 'unknown'; readonly reason: string; readonly path: string };

export const pass = (reason?: string, path?: string): CheckResult => ({ status: 'pass', reason, path });
export const fail = (reason: string, path: string): CheckResult => ({ status: 'fail', reason, path });
export const notApplicable = (reason?: string): CheckResult => ({ status: 'not-applicable', reason });
export const unknown = (reason: string, path: string): CheckResult => ({ status: 'unknown', reason, path });

/** Catalogue fields: the data half of a control. */
export interface ControlMeta {
  /** Stable id, e.g. `TOM-ENC-01`. Never reused for a different check. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** ISO/IEC 27001:2022 Annex A ids, e.g. `A.8.24`. */
  readonly iso27001_2022: readonly string[];
  /** ISO/IEC 27001:2013 predecessor ids; empty only when every 2022 id is new in 2022. */
  readonly iso27001_2013: readonly string[];
  readonly gdprArt32: readonly GdprArt32Letter[];
  readonly tomCategory: TomCategory;
  /** Measure ids from `tom-measures.md` (M1…M22) this control evidences. */
  readonly measures: readonly string[];
  /** The promise it proves, in plain English. */
  readonly measure: string;
  /** Peer check ids (checkov, Trivy, cdk-nag, Prowler). */
  readonly equivalents: readonly string[];
  readonly rationale: string;
  readonly remediation: string;
  /** The catalogue area: the folder the control's file lives in (`policies/checks/<area>/`); reports group by it. */
  readonly area: Area;
}

/**
 * The areas of the catalogue, in report order. Each is a folder
 * `policies/checks/<area>/` holding one file per control and an index that
 * registers them (test/policies/catalogue-registration.test.ts).
 */
export const AREAS = ['cross', 'digitalocean', 'cloudflare', 'aws', 'backup', 'kubernetes', 'monitoring'] as const;
export type Area = (typeof AREAS)[number];

/** Areas named after a provider: the only ones that may hold inherited controls, since reports name the area as the party performing them. */
export type ProviderArea = Extract<Area, 'digitalocean' | 'cloudflare' | 'aws'>;

/** A measure the provider performs, not our configuration. Reported as `inherited`, never as passed. */
export interface InheritedSource {
  /** Document the claim rests on, e.g. DigitalOcean's shared-responsibility page. */
  readonly document: string;
  /** Date the source was read (ISO date). */
  readonly retrieved: string;
  readonly statement: string;
}

/** A control evaluated per resource of the listed types. */
export interface ResourceControl extends ControlMeta {
  readonly scope: 'resource';
  readonly appliesTo: readonly string[];
  readonly check: (resource: InventoryResource, index: InventoryIndex) => CheckResult;
}

/**
 * A control evaluated once per stack (existence checks such as "the zone has a
 * managed WAF ruleset"). The finding's address is the stack name unless the
 * result names a resource.
 */
export interface StackControl extends ControlMeta {
  readonly scope: 'stack';
  readonly check: (stack: StackInfo, index: InventoryIndex) => CheckResult;
}

/** Provider-performed measure: every resource of `appliesTo` gets an `inherited` finding. */
export interface InheritedControl extends ControlMeta {
  readonly scope: 'inherited';
  readonly area: ProviderArea;
  readonly appliesTo: readonly string[];
  readonly inherited: InheritedSource;
}

/**
 * What the ISMS declares for the Statement of Applicability: the `isms`
 * section of the kit's config (config/isms.ts), as far as the audit reads it.
 */
export interface IsmsDeclarations {
  readonly organisation: { readonly name: string; readonly address: string; readonly privacyContact: string };
  readonly scope: string;
  readonly soa: { readonly version: string; readonly approvedBy: string; readonly approvedOn: string; readonly noOwnerSeverity?: Severity };
  /** Organisational implementation per Annex A id. */
  readonly controls: Readonly<
    Record<string, { readonly owner: string; readonly evidence: string; readonly status: string; readonly justification?: string }>
  >;
  /** Annex A id → justification of the exclusion. */
  readonly exclusions: Readonly<Record<string, string>>;
}

/**
 * A control over the ISMS declarations rather than the infrastructure,
 * evaluated once per audit: one result per Annex A control id. `covered` holds
 * the Annex A ids that the audited catalogue's other controls map to.
 */
export interface IsmsControl extends ControlMeta {
  readonly scope: 'isms';
  readonly check: (isms: IsmsDeclarations | undefined, covered: ReadonlySet<string>) => readonly IsmsCheckResult[];
}

export interface IsmsCheckResult {
  readonly annexId: string;
  readonly result: CheckResult;
}

/**
 * A control whose evidence is not in the audited files: the live state at the
 * provider, compared with what was declared by `npm run evidence`, which
 * reports its findings. It has no check: the audit of synthesized files gives
 * it no finding (not-applicable), rather than a check that always says so.
 */
export interface LiveEvidenceControl extends ControlMeta {
  readonly scope: 'live';
}

export type Control = ResourceControl | StackControl | InheritedControl | IsmsControl | LiveEvidenceControl;

/**
 * `unknown`: the deciding value is only known at apply time (see `CheckResult`).
 * A control's status is one of these too: the worst of its findings' (see `policies/status.ts`).
 */
export type FindingStatus = 'pass' | 'fail' | 'unknown' | 'waived' | 'not-applicable' | 'inherited';

export interface Finding {
  readonly controlId: string;
  readonly severity: Severity;
  /** Resource address, or the stack name for stack-scoped controls. */
  readonly address: string;
  readonly stack: string;
  readonly resourceType?: string;
  readonly source: string;
  readonly status: FindingStatus;
  readonly reason: string;
  /** Attribute path that decided the outcome, e.g. `redirect_http_to_https`. */
  readonly path?: string;
  /** For waived findings: the waiver that matched. */
  readonly waiver?: Waiver;
}

export interface Waiver {
  readonly control: string;
  /** Exact address or a glob (`*`, `**`, `?`), optionally prefixed with `stack:`. */
  readonly resource: string;
  readonly reason: string;
  readonly owner: string;
  /** ISO date (YYYY-MM-DD); the waiver stops applying after this day. */
  readonly expires: string;
  /** `all`: the `resource` glob matches every resource, deliberately (refused without it). */
  readonly scope?: 'all';
  /** Where the waiver is written (file as given to the loader, 1-based line), so reports can point at it. */
  readonly location?: { readonly file: string; readonly line: number };
}

/** A waiver that is itself a failure: expired, running longer than the maximum lifetime, or matching no finding. */
export interface WaiverProblem {
  readonly waiver: Waiver;
  readonly problem: 'expired' | 'too-long' | 'unused';
  readonly message: string;
}

/**
 * What an `unknown` finding does to the gate: `block` (the default, fail
 * closed) counts it like a failure at the same severity threshold; `warn`
 * reports it without blocking.
 */
export type UnknownMode = 'block' | 'warn';
export const UNKNOWN_MODES: readonly UnknownMode[] = ['block', 'warn'];

export interface AuditSummary {
  readonly controls: number;
  readonly resources: number;
  readonly findings: Readonly<Record<FindingStatus, number>>;
  readonly controlsByStatus: Readonly<Record<FindingStatus, number>>;
  readonly waiverProblems: number;
  /** Findings that fail (or are unknown, with `unknownMode: block`) at or above the gate threshold, plus waiver problems. */
  readonly blocking: number;
  readonly failOn: Severity;
  readonly unknownMode: UnknownMode;
  readonly compliant: boolean;
}

/** What ties a report to its inputs. Paths are relative to the report folder. */
export interface Provenance {
  readonly commit?: { readonly sha: string; readonly dirty: boolean };
  readonly files: readonly { readonly role: 'input' | 'waivers' | 'config'; readonly path: string; readonly sha256: string }[];
  readonly command: readonly string[];
}

export interface AuditResult {
  readonly generatedAt: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly inputs: readonly string[];
  readonly controls: readonly Control[];
  /** Status per control id (worst of its findings: fail > unknown > waived > pass > inherited > not-applicable). */
  readonly controlStatus: Readonly<Record<string, FindingStatus>>;
  readonly findings: readonly Finding[];
  readonly waiverProblems: readonly WaiverProblem[];
  readonly stacks: readonly StackInfo[];
  /** What the report was made from (file hashes, commit, command); added by the gate, absent in pure audits. */
  readonly provenance?: Provenance;
  /** The ISMS declarations the audit was given (none for a plain `npm run audit -- PATH`). */
  readonly isms?: IsmsDeclarations;
  readonly summary: AuditSummary;
}

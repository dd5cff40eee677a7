// Types of the dsregcmd analyzer's reports: the CLI's JSON schema (`dsreg analyze --format json`,
// `dsreg diff --format json`). A key marked `?` is left out when it has no value; `null` means
// the output does not say. `js/tests/types.test.mjs` checks these against real reports.

/** Analyzes a `dsregcmd /status` output (text, or a file's bytes in UTF-8 or UTF-16): one report per output found, at least one. */
export function analyze(input: string | Uint8Array): DocumentReport[];
/** The text with device, tenant and user identifiers replaced by consistent placeholders. */
export function redact(text: string): string;
/** A share-link payload (`v1=…`, to put after `#`) holding the text as given. */
export function permalink(text: string): string;
/** The text a share-link payload holds; throws with the reason when it cannot be opened. */
export function openPermalink(fragment: string): string;
/** What changed from the last output of `before` to the last output of `after`. */
export function diff(before: string | Uint8Array, after: string | Uint8Array): Comparison;

export type JoinState =
  | "entra_joined" | "hybrid_joined" | "domain_joined" | "drs_joined"
  | "registered" | "not_joined" | "inconsistent" | "unknown";
export type Severity = "critical" | "warning" | "info" | "ok";
export type Tone = "good" | "warn" | "bad" | "neutral";

export interface DocumentReport {
  schema_version: number;
  source: string;
  /** The Device Name field, when the output prints it. */
  device: string | null;
  /** Set when the output was read from a compact line (`DSRC1:…`): what that line left out. */
  compact: CompactNote | null;
  document: number;
  lines: [number, number];
  encoding: string;
  layout: string;
  join_state: JoinState;
  verdict: string;
  level: Severity;
  partial: boolean;
  workplace_registered: boolean;
  summary: Summary;
  sections: SectionReport[];
  findings: Finding[];
  codes: CodeEntry[];
  problems: Problem[];
  timeline: Timeline;
}

export interface CompactNote {
  /** One entry per thing left out (`MdmUrl (a URL)`, `the last 12 lines of the output`); empty when nothing was. */
  left_out: string[];
}

export interface Summary {
  azure_ad_joined: boolean | null;
  domain_joined: boolean | null;
  enterprise_joined: boolean | null;
  workplace_joined: boolean | null;
  azure_ad_prt: boolean | null;
  enterprise_prt: boolean | null;
  cloud_tgt: boolean | null;
  onprem_tgt: boolean | null;
  device_auth: boolean | null;
  failed_phase: string | null;
  join_evidence: number[];
  clock: Clock | null;
}

export interface Clock {
  key: string;
  line: number;
  time: string;
  unix: number;
}

export interface SectionReport {
  title: string | null;
  line: number | null;
  fields: FieldReport[];
}

export interface FieldReport {
  key: string;
  value: string;
  line: number;
  type: string;
  known: boolean;
  block?: string;
  quoted?: boolean;
  reading?: string;
  validity?: Validity;
}

export interface Validity {
  from: number;
  to: number;
  now: number | null;
  tone: Tone;
}

export interface Finding {
  rule: string;
  name: string;
  severity: Severity;
  title: string;
  explanation: string;
  evidence: Evidence[];
  steps: Step[];
  codes: string[];
  cause?: string;
  checks?: Check[];
}

export interface Evidence {
  section: string | null;
  key: string;
  value: string;
  line: number;
}

export interface Step {
  text: string;
  link?: string;
}

export interface Check {
  id: string;
  title: string;
  where: string;
  run: string;
  look: string;
  source: string;
}

export interface CodeEntry {
  code: string;
  meaning: string;
}

export interface Problem {
  line: number;
  message: string;
}

export interface Timeline {
  now: TimelinePoint | null;
  entries: TimelineEntry[];
}

export interface TimelinePoint {
  key: string;
  line: number;
  time: string;
  unix: number;
}

export interface TimelineEntry {
  what: "observed" | "expiry" | "validity" | "time";
  section: string | null;
  key: string;
  line: number;
  time: string;
  unix: number;
  until: string | null;
  until_unix: number | null;
  marks: TimelineMark[];
}

export interface TimelineMark {
  kind: string;
  text: string;
  problem: boolean;
}

export interface Comparison {
  before: Side;
  after: Side;
  different_devices: boolean;
  join_state_before: JoinState;
  join_state_after: JoinState;
  findings_resolved: FindingRef[];
  findings_new: FindingRef[];
  findings_unchanged: FindingRef[];
  fields_changed: FieldChange[];
  fields_added: FieldPresence[];
  fields_removed: FieldPresence[];
}

export interface Side {
  source: string;
  document: number;
  lines: [number, number];
  verdict: string;
  device_id: string | null;
  device_name: string | null;
}

export interface FindingRef {
  rule: string;
  cause: string | null;
  severity: Severity;
  title: string;
}

export interface FieldChange {
  section: string | null;
  key: string;
  before: string;
  after: string;
  line_before: number;
  line_after: number;
  change: Change;
}

export type Change =
  | { kind: "flag"; now_yes: boolean }
  | { kind: "time"; seconds: number; words: string }
  | { kind: "code"; before: string | null; after: string | null }
  | { kind: "text" };

export interface FieldPresence {
  section: string | null;
  key: string;
  value: string;
  line: number;
}

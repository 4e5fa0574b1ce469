import { createHash } from 'node:crypto';
import { pgArray } from '../../src/db/pg-array.js';
import { rowHashSql } from './canonical-sql.js';

/** Synthetic persons ('person-g000001' ...) and staff ('staff-g0001' ...) the rows name. */
export const PERSONS = 100_000;
export const STAFF = 2_000;
/** Rows per request: a request's rows share its time, principal, purpose and request id, as the writer's do. */
const ROWS_PER_REQUEST = 4;
/** Policy revisions over the ten years. */
const REVISIONS = 40;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** A SQL string constant. */
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A text[] constant. */
const arr = (xs: readonly (string | null)[]) => `(${q(pgArray(xs))}::text[])`;
/** A deterministic number in [0, m) from x and a seed: reruns generate the same log. */
const rnd = (x: string, seed: number, m: number | string) => `((hashint8extended(${x}, ${seed}) & 9223372036854775807) % ${m})`;
/** Expands weights to a table of as many slots as the weights sum to (100 for %). */
const slots = <T>(items: readonly (T & { w: number })[]): T[] => items.flatMap((it) => Array.from({ length: it.w }, () => it));

/** Staff roles by staff number (20 slots), and what each role's requests are for. */
const ROLES = slots([
  { w: 11, role: 'case_manager' }, { w: 3, role: 'intake_officer' }, { w: 2, role: 'medical_officer' },
  { w: 2, role: 'identification_officer' }, { w: 2, role: 'dpo' },
]).map((r) => r.role);
const PURPOSE: Record<string, string> = {
  case_manager: 'DETENTION_MANAGEMENT', intake_officer: 'DETENTION_MANAGEMENT', medical_officer: 'MEDICAL_CARE',
  identification_officer: 'IDENTIFICATION_OF_DETAINEES', dpo: 'SUBJECT_RIGHTS',
};
const OPERATION: Record<string, string> = {
  case_manager: 'CaseFile', intake_officer: 'Intake', medical_officer: 'MedicalFile', identification_officer: 'Identify', dpo: 'SubjectAccess',
};
const UNIT: Record<string, string> = { medical_officer: 'medical-service', identification_officer: 'central-identification', dpo: 'data-protection-office' };

/** What one row says about one object: weights in % of rows. */
const TEMPLATES = slots([
  { w: 30, subject: 'Person', outcome: 'GRANTED', reason: null, fields: ['givenNames', 'surname'], categories: ['identity.name'] },
  { w: 14, subject: 'Person', outcome: 'GRANTED', reason: null, fields: ['birthDate', 'sex'], categories: ['identity.birth', 'identity.sex'] },
  { w: 20, subject: 'Placement', outcome: 'GRANTED', reason: null, fields: ['admittedAt', 'institution', 'releasedAt'], categories: ['detention.placement'] },
  { w: 12, subject: 'Dossier', outcome: 'GRANTED', reason: null, fields: ['entries', 'status'], categories: ['detention.dossier'] },
  { w: 5, subject: 'Person', outcome: 'GRANTED', reason: null, fields: ['address'], categories: ['contact'] },
  { w: 3, subject: 'Person', outcome: 'GRANTED', reason: null, fields: ['nationalRegisterNumber'], categories: ['identifier.national'] },
  { w: 3, subject: 'Person', outcome: 'GRANTED', reason: null, fields: ['riskAssessment'], categories: ['criminal.risk_assessment'] },
  { w: 5, subject: 'Person', outcome: 'DENIED', reason: 'CATEGORY_NOT_IN_PURPOSE', fields: ['medicalNotes'], categories: ['health'] },
  { w: 4, subject: 'Person', outcome: 'DENIED', reason: 'CATEGORY_NOT_GRANTED_TO_ROLE', fields: ['riskAssessment'], categories: ['criminal.risk_assessment'] },
  { w: 2, subject: 'Person', outcome: 'DENIED', reason: 'NO_CONFIDENTIALITY_PLEDGE', fields: ['fingerprintReference'], categories: ['biometric.fingerprint_reference'] },
  { w: 1, subject: 'Person', outcome: 'DENIED', reason: 'RESTRICTED', fields: ['address', 'surname'], categories: ['contact', 'identity.name'] },
  { w: 1, subject: 'Person', outcome: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED_FOR_ROLE', fields: ['surname'], categories: ['identity.name'] },
]);

/** Per request, in % of requests: 0-85 consult, 86-92 alter, 93-95 collect, 96-98 disclose (case managers, art. 18b), 99 erase. */
const action = `case when b.act < 86 then 'consult' when b.act < 93 then 'alter' when b.act < 96 then 'collect'
  when b.act < 99 then case when b.role = 'case_manager' then 'disclose' else 'consult' end else 'erase' end`;

const byRole = (m: Record<string, string>, otherwise: string) =>
  `case b.role ${Object.entries(m).map(([k, v]) => `when ${q(k)} then ${q(v)}`).join(' ')} else ${otherwise} end`;

/**
 * SELECT of synthetic log rows number $1 to $2 (of $5 requests' worth), with every column of
 * access_log but seq, and `hash` = rowHash() of the row computed in SQL. Rows are in time order, as
 * a log is written: request r at $3 + r·($4/$5) ms (epoch ms) plus a jitter below that spacing, so
 * ten years of rows fill the partitions evenly and seals follow time. `tx`, the writing
 * transaction, is a past transaction id rising with time, $6 + r·$7/$5: a log written by many
 * transactions, not by the 20 that load it (with 20 distinct values the planner misjudges every
 * (tx, seq) range, e.g. verifyAccessLog's, and scans whole partitions).
 * `offset 0` keeps each level from being merged into the next, so each value is computed once.
 */
export function syntheticRowsSql(): string {
  const t = (f: (x: (typeof TEMPLATES)[number]) => string | null) => `${arr(TEMPLATES.map(f))}[b.tpl + 1]`;
  const opIds = Object.values(OPERATION).map((name) => `when ${q(name)} then ${q(sha256(`query ${name}`))}`).join(' ');
  const revisions = arr(Array.from({ length: REVISIONS }, (_, k) => sha256(`synthetic policy revision ${k}`).slice(0, 16)));
  const columns = {
    id: `(lpad(to_hex(b.ms), 12, '0') || '7' || substr(b.h, 1, 3) || '8' || substr(b.h, 4, 15))::uuid`,
    at: `timestamptz 'epoch' + b.ms * interval '1 millisecond'`,
    request_id: `md5('request-' || b.r)::uuid::text`,
    action,
    outcome: t((x) => x.outcome),
    reason: t((x) => x.reason),
    principal_id: `'staff-g' || lpad((b.s + 1)::text, 4, '0')`,
    principal_category: `'staff:' || b.role || '@' || b.unit`,
    client: 'null::text',
    recipient_id: `case when ${action} = 'disclose' then 'municipality-g' || lpad((${rnd('b.r', 7, 300)} + 1)::text, 3, '0') else 'staff-g' || lpad((b.s + 1)::text, 4, '0') end`,
    recipient_category: `case when ${action} = 'disclose' then 'municipality' else 'internal:' || b.unit end`,
    purpose: `case when ${action} = 'disclose' then 'RISK_DISCLOSURE_18B' else ${byRole(PURPOSE, 'null')} end`,
    processing_record_version: `(1 + b.r * 3 / $5::bigint)::int`,
    justification: `case when ${rnd('b.r', 6, 100)} < 12 then 'case ' || (${rnd('b.r', 8, 9000)} + 1000) || '/' || (${rnd('b.r', 9, 900)} + 100) end`,
    subject_type: t((x) => x.subject),
    subject_id: `case ${t((x) => x.subject)} when 'Person' then b.person when 'Placement' then md5('placement-' || b.p)::uuid::text
      else 'dossier-g' || lpad(b.p::text, 6, '0') end`,
    person_id: 'b.person',
    fields: `${t((x) => pgArray(x.fields))}::text[]`,
    categories: `${t((x) => pgArray(x.categories))}::text[]`,
    operation_name: `case when ${rnd('b.r', 10, 10)} > 0 then ${byRole(OPERATION, 'null')} end`,
    operation_id: `case when ${rnd('b.r', 10, 10)} > 0 then case ${byRole(OPERATION, 'null')} ${opIds} end end`,
    policy_revision: `${revisions}[1 + b.r * ${REVISIONS} / $5::bigint]`,
    tx: '(($6::bigint + b.r * $7::bigint / $5::bigint)::text)::xid8',
  };
  const c = (k: Exclude<keyof typeof columns, 'tx'>) => `c.${k}`;
  const hash = rowHashSql({
    id: c('id'), at: c('at'), requestId: c('request_id'), action: c('action'), outcome: c('outcome'), reason: c('reason'),
    principalId: c('principal_id'), principalCategory: c('principal_category'), client: c('client'), recipientId: c('recipient_id'),
    recipientCategory: c('recipient_category'), purpose: c('purpose'), processingRecordVersion: c('processing_record_version'),
    justification: c('justification'), subjectType: c('subject_type'), subjectId: c('subject_id'), personId: c('person_id'),
    fields: c('fields'), categories: c('categories'), operationName: c('operation_name'), operationId: c('operation_id'),
    policyRevision: c('policy_revision'),
  });
  const institution = `'institution-' || chr(65 + (a.s % 12)::int)`;
  return `select c.*, ${hash} as hash from (
  select ${Object.entries(columns).map(([k, v]) => `${v} as ${k}`).join(',\n    ')}
  from (
    select a.*, case when a.role in ('case_manager', 'intake_officer') then ${institution} else ${byRole(UNIT, 'null').replace('b.role', 'a.role')} end as unit
    from (
      select a.*, ${arr(ROLES)}[1 + a.s % ${ROLES.length}] as role,
        'person-g' || lpad(a.p::text, 6, '0') as person, md5('row-' || a.i) as h,
        $3::bigint + a.r * ($4::bigint / $5::bigint) + ${rnd('a.r', 5, '($4::bigint / $5::bigint)')} as ms
      from (
        select i, (i - 1) / ${ROWS_PER_REQUEST} as r, ${rnd(`((i - 1) / ${ROWS_PER_REQUEST})`, 1, STAFF)} as s,
          ${rnd(`((i - 1) / ${ROWS_PER_REQUEST})`, 2, PERSONS)} + 1 as p, ${rnd(`((i - 1) / ${ROWS_PER_REQUEST})`, 3, 100)} as act,
          ${rnd('i', 4, 100)} as tpl
        from generate_series($1::bigint, $2::bigint) as i offset 0
      ) a offset 0
    ) a offset 0
  ) b offset 0
) c`;
}

/** Requests for `rows` rows, the $5 of syntheticRowsSql(). */
export const requestsFor = (rows: number) => Math.ceil(rows / ROWS_PER_REQUEST);

import type { ProcessingRecord } from './ProcessingRecord.js';
import type { ProcessingRecordVersion } from './ProcessingRecordVersion.js';

/** One processing activity as handed to the supervisory authority: every R19 field and its history. */
export interface RegisterDocumentRecord {
  code: string;
  name: string;
  purpose: string;
  legalBasis: string;
  dataSubjectCategories: string[];
  dataCategories: string[];
  recipientCategories: string[];
  retention: string;
  requiresDesignation: boolean;
  requiresPledge: boolean;
  allowedUnderRestriction: boolean;
  active: boolean;
  version: number;
  updatedAt: string;
  history: { version: number; changedAt: string; changedBy: string; change: string; changedFields: string[]; snapshot: Record<string, unknown> }[];
}

export interface RegisterDocument {
  title: string;
  legalReference: string;
  generatedAt: string;
  generatedBy: string;
  records: RegisterDocumentRecord[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * R19 (GDPR art. 30(4)): the whole record of processing activities, active and deactivated, each
 * with its version history and what each version changed, as one document for the authority.
 */
export function registerDocument(records: ProcessingRecord[], versions: ProcessingRecordVersion[], at: Date, by: string): RegisterDocument {
  return {
    title: 'Record of processing activities',
    legalReference: 'GDPR art. 30; Law Enforcement Directive art. 24 (R19)',
    generatedAt: at.toISOString(),
    generatedBy: by,
    records: records.map((r) => {
      const own = versions.filter((v) => v.code === r.code).sort((a, b) => a.version - b.version);
      return {
        code: r.code, name: r.name, purpose: r.purpose, legalBasis: r.legalBasis,
        dataSubjectCategories: r.dataSubjectCategories, dataCategories: r.dataCategories, recipientCategories: r.recipientCategories,
        retention: r.retention, requiresDesignation: r.requiresDesignation, requiresPledge: r.requiresPledge,
        allowedUnderRestriction: r.allowedUnderRestriction, active: r.active, version: r.version, updatedAt: r.updatedAt.toISOString(),
        history: own.map((v, i) => ({
          version: v.version, changedAt: v.changedAt.toISOString(), changedBy: v.changedBy, change: v.change,
          changedFields: i === 0 ? [] : Object.keys(v.snapshot).filter((k) => k !== 'version' && !same(v.snapshot[k], own[i - 1].snapshot[k])).sort(),
          snapshot: v.snapshot,
        })),
      };
    }),
  };
}

const cell = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v)).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** The same document as Markdown, to read or print. */
export function registerMarkdown(doc: RegisterDocument): string {
  const out = [`# ${doc.title}`, '', `${doc.legalReference}. Generated ${doc.generatedAt} by ${doc.generatedBy}; ${doc.records.length} processing activities.`, ''];
  for (const r of doc.records) {
    out.push(`## ${r.code} — ${cell(r.name)}`, '', `Status: ${r.active ? 'active' : 'deactivated'}, version ${r.version}, last changed ${r.updatedAt}.`, '',
      '| | |', '|---|---|',
      `| Purpose | ${cell(r.purpose)} |`,
      `| Legal basis | ${cell(r.legalBasis)} |`,
      `| Categories of data subjects | ${cell(r.dataSubjectCategories)} |`,
      `| Categories of personal data | ${cell(r.dataCategories)} |`,
      `| Categories of recipients | ${cell(r.recipientCategories)} |`,
      `| Retention | ${cell(r.retention)} |`,
      `| Individual designation required (special categories) | ${yesNo(r.requiresDesignation)} |`,
      `| Confidentiality pledge required (special categories) | ${yesNo(r.requiresPledge)} |`,
      `| Processing allowed under restriction | ${yesNo(r.allowedUnderRestriction)} |`,
      '', '### Version history', '', '| version | changed at | by | change | fields changed |', '|---|---|---|---|---|');
    for (const v of r.history) {
      out.push(`| ${v.version} | ${v.changedAt} | ${cell(v.changedBy)} | ${cell(v.change)} | ${cell(v.changedFields.length > 0 ? v.changedFields : '—')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Effect } from '../audit/effects.js';
import type { Decision } from '../authz/reasons.js';
import type { Person } from '../domain/Person.js';
import type { RightsRequest } from '../domain/RightsRequest.js';
import { buildAccessReport, type DiscloseDecider } from './access-report.js';
import { erasePerson, keepingObligation } from './erasure.js';
import { notifyRecipients } from './notifications.js';
import { rectify, type Rectification } from './rectification.js';
import { REQUESTER } from './recipients.js';
import { changeRestriction, MARKING_FIELDS } from './restriction.js';

export interface Resolution {
  outcome: 'GRANTED' | 'REFUSED';
  answer: string;
  refusalReason: string | null;
  rectification: Rectification | null;
  withheldCategories: string[];
}

export interface ResolveContext {
  em: EntityManager;
  by: string;
  now: Date;
  describe: (category: string) => string | null;
  /** The decision point's answer for each category handed over to the data subject (R21, R7, R15). */
  decideDisclosure: DiscloseDecider;
}

/** What a resolution did, for the log: its consequences, and the disclosure decisions of a report. */
export interface Resolved {
  effects: Effect[];
  disclosures: Decision[];
}

/**
 * Carries out a decided resolution of a rights request (R21). The resolution itself was decided
 * and logged by the authorization plugin as an update of the request; what it does to the person's
 * data — the report's reads, a rectification, an erasure, the restriction marking — and the
 * answer to the requester are its consequences. They are returned as effects for the log (R10),
 * to be recorded once the work has been stored, so the log never shows an act that was rolled back.
 */
export async function resolveRequest(ctx: ResolveContext, request: RightsRequest, person: Person, r: Resolution): Promise<Resolved> {
  const effects: Effect[] = [];
  let disclosures: Decision[] = [];
  const effect = (action: 'alter' | 'erase', done: { fields: string[]; categories: string[] }) => {
    if (done.fields.length > 0) effects.push({ action, subjectType: 'Person', subjectId: person.id, personId: person.id, ...done });
  };
  let status: RightsRequest['status'] = r.outcome === 'GRANTED' ? 'RESOLVED' : 'REFUSED';
  let refusal: { reason: string; legalBasis: string | null } | null = r.outcome === 'REFUSED' ? { reason: r.refusalReason!, legalBasis: null } : null;
  const told = { fields: ['status', 'answer'], categories: ['rights.request'] };

  if (r.outcome === 'GRANTED') {
    switch (request.kind) {
      case 'ACCESS':
      case 'PORTABILITY': {
        const built = await buildAccessReport(ctx.em, {
          requestId: request.id, personId: person.id, kind: request.kind, withheld: r.withheldCategories, now: ctx.now },
        ctx.describe, ctx.decideDisclosure);
        Object.assign(request, { report: built.report, withheldCategories: r.withheldCategories });
        // Each category handed over is a disclosure to the data subject, decided and logged on its own.
        disclosures = built.decisions;
        told.fields.push('report');
        break;
      }
      case 'RECTIFICATION':
        request.rectification = r.rectification;
        effect('alter', rectify(person, r.rectification!));
        await notifyRecipients(ctx.em, request, ctx.now);
        break;
      case 'ERASURE': {
        const keep = await keepingObligation(ctx.em, person);
        if (keep) {
          // R21: refused, with the obligation and its legal basis; nothing is erased or notified.
          status = 'REFUSED';
          refusal = { reason: keep.reason, legalBasis: keep.legalBasis };
          break;
        }
        effect('erase', erasePerson(person, ctx.now));
        await notifyRecipients(ctx.em, request, ctx.now);
        break;
      }
      case 'RESTRICTION':
        if (!person.restrictionActive) {
          changeRestriction(ctx.em, person, {
            action: 'RESTRICT', reason: 'Restriction requested by the data subject (R21, R22)', by: ctx.by, at: ctx.now, rightsRequestId: request.id });
          effect('alter', { fields: MARKING_FIELDS, categories: ['processing.restriction'] });
        }
        await notifyRecipients(ctx.em, request, ctx.now);
        break;
      case 'OBJECTION':
        // Granting an objection is the DPO's answer; restriction or erasure follow as their own acts.
        break;
    }
  }
  Object.assign(request, {
    status, answer: r.answer, resolvedAt: ctx.now, resolvedBy: ctx.by,
    refusalReason: refusal?.reason ?? null, refusalLegalBasis: refusal?.legalBasis ?? null,
  });
  if (refusal) told.fields.push('refusalReason');
  effects.push({
    action: 'disclose', subjectType: 'RightsRequest', subjectId: request.id, personId: person.id,
    fields: told.fields, categories: [...new Set(told.categories)].sort(), recipient: REQUESTER,
  });
  return { effects, disclosures };
}

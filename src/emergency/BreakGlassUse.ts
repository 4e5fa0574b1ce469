/** One break-glass declaration as stored (table break_glass) and answered. */
export interface BreakGlassUse {
  id: string;
  principalId: string;
  personId: string;
  purpose: string;
  reasonCode: string;
  justification: string;
  /** The categories it opened, as decided at the start; a narrower register or policy narrows them at once. */
  categories: string[];
  startedAt: Date;
  endsAt: Date;
  endedAt: Date | null;
  reviewCaseId: string | null;
}

export interface BreakGlassRow {
  id: string; principal_id: string; person_id: string; purpose: string; reason_code: string; justification: string;
  categories: string[]; started_at: Date; ends_at: Date; ended_at: Date | null; review_case_id: string | null;
}

export const COLUMNS = 'id, principal_id, person_id, purpose, reason_code, justification, categories, started_at, ends_at, ended_at, review_case_id';

export function useFromRow(r: BreakGlassRow): BreakGlassUse {
  return {
    id: r.id, principalId: r.principal_id, personId: r.person_id, purpose: r.purpose, reasonCode: r.reason_code, justification: r.justification,
    categories: r.categories, startedAt: new Date(r.started_at), endsAt: new Date(r.ends_at), endedAt: r.ended_at ? new Date(r.ended_at) : null,
    reviewCaseId: r.review_case_id,
  };
}

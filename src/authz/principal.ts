/** Who is asking, as the decision layer sees it: built from the database at every request. */
export interface Principal {
  id: string;
  /** `system`: the project's own jobs (retention), which log what they do like anyone else. */
  kind: 'staff' | 'client' | 'system';
  roles: string[];
  /** Institution of a staff member; null for central services and clients. */
  institution: string | null;
  /** Staff unit, or the client's organisation: the recipient identity of what it reads. */
  unit: string;
  /** Category of recipient in the log: the staff unit's kind or the client's recipient category. */
  recipientCategory: string;
  /** Processing codes the principal is individually designated for, now (R6). */
  designations: string[];
  /** Whether an active written confidentiality pledge is on file (R7). */
  hasPledge: boolean;
  /** Live emergency accesses (issue 20, break the glass), read with the principal so a compiled access is keyed by them. */
  breakGlass?: EmergencyGrant[];
}

/** One live break-glass declaration: this person, these categories, under this purpose, until then. */
export interface EmergencyGrant {
  id: string;
  personId: string;
  purpose: string;
  categories: string[];
  endsAt: string;
}

/** The register entry of the declared purpose, as far as decisions need it. */
export interface RegisterEntry {
  code: string;
  active: boolean;
  version: number;
  dataCategories: string[];
  /** R17, R19: the categories of recipients the data may go to under this processing. */
  recipientCategories: string[];
  requiresDesignation: boolean;
  requiresPledge: boolean;
  allowedUnderRestriction: boolean;
  /** Issue 20: a principal may break the glass under this processing (emergency access, policies/break-glass.yaml). */
  allowsBreakGlass: boolean;
}

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
}

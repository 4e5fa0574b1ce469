/** Machine-readable reasons a decision denies access (docs/api.md, `extensions.reason`). */
export const Reason = {
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  PURPOSE_NOT_ALLOWED_FOR_ROLE: 'PURPOSE_NOT_ALLOWED_FOR_ROLE',
  PURPOSE_NOT_REGISTERED: 'PURPOSE_NOT_REGISTERED',
  RECIPIENT_NOT_REGISTERED: 'RECIPIENT_NOT_REGISTERED',
  CATEGORY_NOT_IN_PURPOSE: 'CATEGORY_NOT_IN_PURPOSE',
  CATEGORY_NOT_GRANTED_TO_ROLE: 'CATEGORY_NOT_GRANTED_TO_ROLE',
  OPERATION_NOT_GRANTED: 'OPERATION_NOT_GRANTED',
  NOT_DESIGNATED: 'NOT_DESIGNATED',
  NO_CONFIDENTIALITY_PLEDGE: 'NO_CONFIDENTIALITY_PLEDGE',
  ROW_CONDITION: 'ROW_CONDITION',
  RESTRICTED: 'RESTRICTED',
  /** Separation of duties (R6, R7): nobody proposes or confirms for themselves, nor confirms what they proposed. */
  FOUR_EYES: 'FOUR_EYES',
  /** Only in the log: the id named nothing, and the caller was answered as for a hidden object. */
  NOT_FOUND: 'NOT_FOUND',
  /** Break the glass is not open here: the purpose's register entry or policies/break-glass.yaml does not allow it. */
  BREAK_GLASS_NOT_ALLOWED: 'BREAK_GLASS_NOT_ALLOWED',
  /**
   * Only on a granted row: granted because the principal broke the glass (emergency access to this
   * person), or the start or end of such an access. Old rows never carry it: the row format is unchanged.
   */
  BREAK_GLASS: 'BREAK_GLASS',
} as const;
export type Reason = (typeof Reason)[keyof typeof Reason];

export interface Decision {
  allowed: boolean;
  reason: Reason | null;
  action: string;
  subjectType: string;
  category: string | null;
}

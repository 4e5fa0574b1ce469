/**
 * R24: how the requester's identity was established. The request keeps the method, a reference to
 * where the check is recorded, who checked and when — never a copy, image or number of an identity
 * document (school regulation §8.2.2 in docs/requirements.md: "De school mag geen kopie van het
 * identiteitsbewijs in de administratie opnemen").
 */
export const VERIFICATION_METHODS = [
  'IN_PERSON_AT_INSTITUTION',
  'QUALIFIED_ELECTRONIC_SIGNATURE',
  'KNOWN_POSTAL_ADDRESS',
  'LAWYER_MANDATE',
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export function isVerificationMethod(value: string): value is VerificationMethod {
  return (VERIFICATION_METHODS as readonly string[]).includes(value);
}

const digits = (s: string) => s.replace(/\D/g, '');

/**
 * No input field is meant for an identity document, but free text can still carry one. Catches the
 * usual ways it slips in: an embedded image, the machine-readable zone, a document or national
 * number, or the person's own national register number. Returns why the text is refused, or null.
 */
export function identityDocumentTrace(text: string, nationalRegisterNumber?: string | null): string | null {
  if (/data:[a-z]+\/[a-z0-9.+-]+;base64,/i.test(text) || /[A-Za-z0-9+/]{60,}={0,2}/.test(text)) {
    return 'must not hold an image or file (no copy of an identity document, R24)';
  }
  if (text.includes('<<')) return 'must not hold the machine-readable zone of an identity document (R24)';
  if (/\b(passport|paspoort|identity card|id[- ]?card|identiteitskaart|identiteitsbewijs|rijbewijs|driving licen[cs]e|document)\s*(no|nr|number|nummer)?\.?\s*[:#]?\s*[A-Z0-9]{6,}/i.test(text)) {
    return 'must not hold the number of an identity document (R24)';
  }
  // Dutch BSN (9 digits), Belgian national number (11 digits, often written 88.04.12-123.45).
  if (/(^|\D)\d{9,11}(\D|$)/.test(text) || /\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}/.test(text)) {
    return 'must not hold a national identification number (R24)';
  }
  const nrn = digits(nationalRegisterNumber ?? '');
  if (nrn.length >= 6 && digits(text).includes(nrn)) return 'must not hold the person\'s national register number (R24)';
  return null;
}

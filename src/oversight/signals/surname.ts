/**
 * SAME_SURNAME's normalised surname (issue 20): the family-name part of a name (before a comma, as in
 * "Vries, de", else the whole name), lower-cased, without diacritics and apostrophes, and of that its
 * last word, so particles ("van der", "de", "von") and given names before it do not count:
 * "Mark van der Berg", "van der Berg" and "Berg" all give "berg". A double-barrelled name counts by
 * its last part. The twin of SQL's oversight_surname_key (Migration20261205002000): same letters,
 * same rule; a test runs both over the same names.
 */
const FROM = 'àáâãäåāăąçćčďđèéêëēėęěìíîïīįıłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿžźżß';
const TO = 'aaaaaaaaacccddeeeeeeeeiiiiiiilnnnoooooooorrssstuuuuuuuuyyzzzs';
const DROPPED = new Set(["'", '’']);
const MAP = new Map([...FROM].map((c, i) => [c, TO[i]]));

export function surnameKey(name: string): string {
  const folded = [...name.split(',')[0].toLowerCase()].filter((c) => !DROPPED.has(c)).map((c) => MAP.get(c) ?? c).join('');
  const words = folded.split(/\s+/).filter((w) => w.length > 0);
  return words.at(-1) ?? '';
}

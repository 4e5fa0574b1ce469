/** The ten personal fields of the throughput comparison (nine columns and the current placement). */
export const PERSONS_50 =
  '{ persons(first: 50) { edges { node { id surname givenNames aliases sex birthDate birthPlace nationality address riskAssessment placement { institution } } } } }';

/** Relations loaded per person: DataLoaders must keep the statement count flat whatever the page size. */
export const personsWithRelations = (first: number) =>
  `{ persons(first: ${first}) { edges { node { id surname placement { institution } placements { institution } dossiers { id status } } } } }`;

/** Page sizes compared for the statement count. */
export const PAGE_SIZES = [10, 100] as const;

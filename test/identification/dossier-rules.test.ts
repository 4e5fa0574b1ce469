import type { Dossier } from '../../src/domain/Dossier.js';
import {
  checkEntriesBelong, checkMergeable, checkSplitInto, checkUndoable, dossiersMadeBy, splitEntryIds,
} from '../../src/identification/dossier-rules.js';
import { refusal } from './refusal.js';

const dossier = (id: string, fingerprintReference: string | null, status: Dossier['status'] = 'ACTIVE') =>
  ({ id, status, person: { fingerprintReference } });

describe('R4 one dossier per person: merge, split and undo', () => {
  test('R4 two active dossiers whose identities share a fingerprint reference merge', () => {
    expect(refusal(() => checkMergeable(dossier('d1', 'AFIS-1'), dossier('d2', 'AFIS-1')))).toBeNull();
  });

  test.each([
    ['a dossier into itself', dossier('d1', 'AFIS-1'), dossier('d1', 'AFIS-1'), 'must differ from the target'],
    ['a merged dossier', dossier('d1', 'AFIS-1', 'MERGED'), dossier('d2', 'AFIS-1'), 'both dossiers must be active'],
    ['into a closed dossier', dossier('d1', 'AFIS-1'), dossier('d2', 'AFIS-1', 'CLOSED'), 'both dossiers must be active'],
    ['identities with different references', dossier('d1', 'AFIS-1'), dossier('d2', 'AFIS-2'), 'the identities do not share a fingerprint reference'],
    ['identities without a reference', dossier('d1', null), dossier('d2', null), 'the identities do not share a fingerprint reference'],
  ])('R4 refused: merging %s, on input.sourceDossierId', (_, source, target, message) => {
    expect(refusal(() => checkMergeable(source, target))).toEqual({ field: 'input.sourceDossierId', message: `input.sourceDossierId: ${message}` });
  });

  test('R4 a split names at least one entry, each counted once, and every one must be the dossier\'s', () => {
    expect(splitEntryIds(['e1', 'e2', 'e1'])).toEqual(['e1', 'e2']);
    expect(refusal(() => splitEntryIds([]))).toEqual({ field: 'input.entryIds', message: 'input.entryIds: name at least one entry' });
    expect(refusal(() => checkEntriesBelong(2, ['e1', 'e2']))).toBeNull();
    expect(refusal(() => checkEntriesBelong(1, ['e1', 'e2'])))
      .toEqual({ field: 'input.entryIds', message: 'input.entryIds: every entry must belong to the dossier' });
  });

  test('R4 a split gives entries back only to a dossier merged into the one it splits', () => {
    const from = { id: 'd1' };
    expect(refusal(() => checkSplitInto({ status: 'MERGED', mergedInto: { id: 'd1' } as Dossier }, from))).toBeNull();
    const wrong = { field: 'input.intoDossierId', message: 'input.intoDossierId: must be a dossier merged into this one' };
    expect(refusal(() => checkSplitInto({ status: 'MERGED', mergedInto: { id: 'd9' } as Dossier }, from))).toEqual(wrong);
    expect(refusal(() => checkSplitInto({ status: 'ACTIVE', mergedInto: null }, from))).toEqual(wrong);
  });

  test('R4 a change is undone once, and after every later change to its dossiers', () => {
    expect(refusal(() => checkUndoable({ undoneBy: null }, 0))).toBeNull();
    expect(refusal(() => checkUndoable({ undoneBy: 'u1' }, 0))).toEqual({ field: 'changeId', message: 'changeId: was already undone' });
    expect(refusal(() => checkUndoable({ undoneBy: null }, 1)))
      .toEqual({ field: 'changeId', message: 'changeId: later changes to these dossiers must be undone first' });
  });

  test('R4 the dossiers a change made are those its snapshot did not hold (a split\'s new dossier)', () => {
    const snapshot = { dossiers: [{ id: 'd1', status: 'ACTIVE', mergedIntoId: null, splitFromId: null }], entries: [] };
    expect(dossiersMadeBy({ dossierIds: ['d1', 'd2'], snapshot })).toEqual(['d2']);
    expect(dossiersMadeBy({ dossierIds: ['d1'], snapshot })).toEqual([]);
  });
});

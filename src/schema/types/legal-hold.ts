import { Person } from '../../domain/Person.js';
import type { Builder } from '../builder.js';
import { badUserInput } from '../errors.js';
import { checkText } from '../validate.js';

interface LegalHold {
  personId: string;
  active: boolean;
  reason: string | null;
}

/** R14: the DPO places or lifts a legal hold; retention never erases data under one. */
export function addLegalHoldTypes(builder: Builder): void {
  const HoldRef = builder.objectRef<LegalHold>('LegalHold').implement({
    fields: (t) => ({
      personId: t.exposeID('personId', { nullable: false }),
      active: t.exposeBoolean('active', { nullable: false }),
      reason: t.exposeString('reason'),
    }),
  });
  builder.mutationField('setLegalHold', (t) =>
    t.field({
      type: HoldRef,
      args: { personId: t.arg.id({ required: true }), hold: t.arg.boolean({ required: true }), reason: t.arg.string({ required: true }) },
      authorize: { action: 'manage', subject: 'LegalHold', logAs: 'alter', subjectArg: 'personId' },
      description: 'R14: data under a legal hold (proceedings, an inquiry) are kept whatever their retention term.',
      resolve: (_r, { personId, hold, reason }, ctx) =>
        ctx.em.transactional(async (em) => {
          checkText('reason', reason, 500);
          const id = String(personId);
          const updated = id.length <= 100 ? await em.nativeUpdate(Person, { id }, { legalHold: hold, legalHoldReason: hold ? reason : null }) : 0;
          if (updated === 0) throw badUserInput('personId', 'no person with this id');
          return { personId: id, active: hold, reason: hold ? reason : null };
        }),
    }));
}

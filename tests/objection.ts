import type { OnlineInput } from '~/domain/inputs.server'

/** An online objection to a whole draft with just a reason, shown by name, both consents given. */
export function plainObjection(consultationId: number, reason: string): OnlineInput {
  return {
    consultationId,
    sectionKey: '',
    kind: 'objection',
    proposedText: '',
    reason,
    topic: 'rekrutmen',
    groupName: '',
    groupType: '',
    answers: {},
    displayMode: 'name',
    pseudonym: '',
    consents: [
      { purpose: 'processing', statement: 'ok' },
      { purpose: 'publication', statement: 'ok' },
    ],
    clientToken: null,
  }
}

import { z } from 'zod'
import { validateNip } from '~/domain/nip'

// The forms of civil-servant verification, shared by the browser (instant feedback) and the server.
// Messages are catalogue keys, rendered by translateError.

export const UNIT_MAX = 120
export const POSITION_MAX = 120
export const REASON_MAX = 500

const shortText = (max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(2, 'validation.tooShort|2')
    .max(max, `validation.tooLong|${max}`)

export const ClaimSchema = z.object({
  organisationId: z
    .number({ error: 'employees.claim.error.organisation' })
    .int('employees.claim.error.organisation')
    .positive('employees.claim.error.organisation'),
  nip: z
    .string({ error: 'validation.required' })
    .max(100, 'employees.nip.tooLong')
    .superRefine((value, ctx) => {
      const checked = validateNip(value)
      if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.error })
    }),
  unit: shortText(UNIT_MAX),
  position: shortText(POSITION_MAX),
})

export const DecisionSchema = z
  .object({
    claimId: z.number().int().positive(),
    intent: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(REASON_MAX, `validation.tooLong|${REASON_MAX}`).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.intent === 'reject' && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'employees.decide.error.reasonRequired' })
    }
  })

export const WithdrawSchema = z.object({
  intent: z.literal('withdraw'),
  claimId: z.number().int().positive(),
})

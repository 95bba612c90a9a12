import { z } from 'zod'
import { DISPLAY_MODES, INPUT_KINDS, KINDS_NEEDING_TEXT, LIMITS } from '~/domain/input-rules'
import type { QuestionKind } from '~db/schema'

// The input form's schema, built for one consultation's questionnaire. The browser uses it to
// show errors before sending; the server parses with it and then applies the domain rules
// (window, audience, section, verified role), which remain the authority.

export interface FormQuestion {
  id: number
  kind: QuestionKind
  required: boolean
  options: string[]
}

const choiceError = (iss: { input?: unknown }) =>
  iss.input === undefined ? 'input.error.answerRequired' : 'input.error.answerInvalid'

/** One questionnaire answer's schema (shared with the evaluation survey's own questions). */
export function answerSchema(q: FormQuestion) {
  let schema: z.ZodType
  switch (q.kind) {
    case 'scale':
      schema = z.enum(['1', '2', '3', '4', '5'], { error: choiceError })
      break
    case 'yesno':
      schema = z.enum(['ya', 'tidak'], { error: choiceError })
      break
    case 'single':
      schema = z.enum(q.options as [string, ...string[]], { error: choiceError })
      break
    case 'multiple':
      schema = z.preprocess(
        (v) => (v === undefined || Array.isArray(v) ? v : [v]),
        z.array(z.enum(q.options as [string, ...string[]], { error: 'input.error.answerInvalid' }), { error: choiceError }).min(1, 'input.error.answerRequired'),
      )
      break
    case 'text':
      schema = z.string({ error: 'input.error.answerRequired' }).max(LIMITS.answerText, `validation.tooLong|${LIMITS.answerText}`)
      break
  }
  return q.required ? schema : schema.optional()
}

const consentGiven = z.literal('on', { error: 'input.error.consent' })

export function inputFormSchema(questions: FormQuestion[]) {
  const answers = Object.fromEntries(questions.map((q) => [`q${q.id}`, answerSchema(q)]))
  return z
    .object({
      sectionKey: z.string().default(''),
      kind: z.enum(INPUT_KINDS as [string, ...string[]], { error: 'validation.required' }),
      proposedText: z.string().max(LIMITS.proposedText, `validation.tooLong|${LIMITS.proposedText}`).default(''),
      reason: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(LIMITS.reason, `validation.tooLong|${LIMITS.reason}`),
      topic: z.string({ error: 'input.error.unknownTopic' }),
      answers: z.object(answers).prefault({} as never),
      displayMode: z.enum(DISPLAY_MODES as [string, ...string[]], { error: 'validation.required' }),
      pseudonym: z.string().trim().max(LIMITS.pseudonym, `validation.tooLong|${LIMITS.pseudonym}`).default(''),
      groupName: z.string().trim().max(LIMITS.groupName, `validation.tooLong|${LIMITS.groupName}`).default(''),
      groupType: z.string().default(''),
      consent: z
        .object({ processing: consentGiven, publication: consentGiven, contact: z.literal('on').optional() })
        .prefault({} as never),
      clientToken: z.string().max(100).optional(),
    })
    .superRefine(
      (value, ctx) => {
        // Runs even when other fields failed, so every error shows at once.
        const v = value as Partial<typeof value>
        if (KINDS_NEEDING_TEXT.includes(v.kind as never) && !(typeof v.proposedText === 'string' && v.proposedText.trim())) {
          ctx.addIssue({ code: 'custom', path: ['proposedText'], message: 'validation.required' })
        }
        if (v.displayMode === 'pseudonym' && !v.pseudonym) {
          ctx.addIssue({ code: 'custom', path: ['pseudonym'], message: 'validation.required' })
        }
        if (v.groupName && !v.groupType) {
          ctx.addIssue({ code: 'custom', path: ['groupType'], message: 'validation.required' })
        }
      },
      { when: () => true },
    )
}

import { z } from 'zod'
import { COMMENT_KINDS, PERIOD_MONTHS, PROFILE, SKM_ELEMENTS, SURVEY_AUDIENCES, SURVEY_LIMITS } from '~/domain/evaluations/skm'
import { QUESTION_KINDS } from '~/domain/input-rules'
import { type FormQuestion, answerSchema } from '~/lib/input-form'

// The evaluation forms' schemas, shared by the browser (errors before sending) and the server
// (parse, then the domain's rules). Messages are catalogue keys.

const score = z.enum(['1', '2', '3', '4'], { error: 'evaluations.error.answer_invalid' }).optional()
const scores = Object.fromEntries(SKM_ELEMENTS.map((e) => [`u${e}`, score])) as Record<`u${number}`, typeof score>
const band = (values: readonly string[]) => z.enum(values as [string, ...string[]], { error: 'evaluations.error.profile_invalid' }).optional()

function responseFields(questions: FormQuestion[]) {
  return {
    ...scores,
    age: band(PROFILE.age),
    sex: band(PROFILE.sex),
    education: band(PROFILE.education),
    occupation: band(PROFILE.occupation),
    answers: z.object(Object.fromEntries(questions.map((q) => [`q${q.id}`, answerSchema(q)]))).prefault({} as never),
    comment: z.string().max(SURVEY_LIMITS.comment, `validation.tooLong|${SURVEY_LIMITS.comment}`).default(''),
    clientToken: z.string().max(100).optional(),
  }
}

function somethingAnswered(value: Record<string, unknown>, ctx: z.RefinementCtx) {
  if (SKM_ELEMENTS.every((e) => value[`u${e}`] === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['u1'], message: 'evaluations.error.nothing_answered' })
  }
}

/** A citizen's questionnaire. */
export function surveyFormSchema(questions: FormQuestion[]) {
  return z
    .object({
      ...responseFields(questions),
      commentKind: z.enum(COMMENT_KINDS, { error: 'evaluations.error.answer_invalid' }).optional(),
      shareComment: z.literal('on').optional(),
      receiptCode: z.string().max(SURVEY_LIMITS.receiptCode, 'evaluations.error.receipt_unknown').default(''),
    })
    .superRefine((v, ctx) => somethingAnswered(v, ctx))
}

/** A paper questionnaire keyed in by staff. */
export function paperFormSchema(questions: FormQuestion[]) {
  return z.object(responseFields(questions)).superRefine((v, ctx) => somethingAnswered(v, ctx))
}

/** The element scores of a parsed form, 1–4 or null for a blank. */
export function scoresFrom(value: Record<string, unknown>): Record<number, number | null> {
  return Object.fromEntries(SKM_ELEMENTS.map((e) => [e, value[`u${e}`] ? Number(value[`u${e}`]) : null]))
}

export const PlanSchema = z.object({
  intent: z.literal('plan'),
  periodMonths: z.coerce.number({ error: 'validation.required' }).refine((n) => (PERIOD_MONTHS as readonly number[]).includes(n), 'validation.required'),
})

export const OpenPeriodSchema = z.object({ intent: z.literal('openPeriod') })

const decimal = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(20, 'evaluations.error.bad_number')

export const IndicatorSchema = z.object({
  name: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(200, 'validation.tooLong|200'),
  unit: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(40, 'validation.tooLong|40'),
  baseline: decimal,
  target: decimal,
  direction: z.enum(['higher', 'lower'], { error: 'validation.required' }),
  dataSource: z.string().trim().max(300, 'validation.tooLong|300').default(''),
  responsibleUnit: z.string().trim().max(200, 'validation.tooLong|200').default(''),
})

export const SurveySettingsSchema = z.object({
  intent: z.literal('settings'),
  serviceName: z.string().trim().max(SURVEY_LIMITS.serviceName, `validation.tooLong|${SURVEY_LIMITS.serviceName}`).default(''),
  population: z.coerce.number({ error: 'evaluations.error.bad_number' }).int('evaluations.error.bad_number').min(1, 'evaluations.error.bad_number').max(100_000_000, 'evaluations.error.bad_number').optional(),
  audience: z.enum(SURVEY_AUDIENCES, { error: 'validation.required' }),
  requireReceiptCode: z.literal('on').optional(),
  surveyOpensAt: z.string({ error: 'cadmin.error.badTime' }),
  surveyClosesAt: z.string({ error: 'cadmin.error.badTime' }),
})

export const QuestionSchema = z.object({
  intent: z.literal('addQuestion'),
  kind: z.enum(QUESTION_KINDS as [string, ...string[]], { error: 'validation.required' }),
  prompt: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(SURVEY_LIMITS.questionPrompt, `validation.tooLong|${SURVEY_LIMITS.questionPrompt}`),
  options: z.string().max(2000, 'validation.tooLong|2000').default(''),
  required: z.literal('on').optional(),
})

export const IndicatorValueSchema = z.object({
  intent: z.literal('value'),
  indicatorId: z.coerce.number().int().positive(),
  value: decimal,
  evidenceNote: z.string().trim().max(2000, 'validation.tooLong|2000').default(''),
  evidenceUrl: z.string().trim().max(500, 'validation.tooLong|500').default(''),
})

export const CodesSchema = z.object({
  intent: z.literal('codes'),
  count: z.coerce.number({ error: 'evaluations.error.bad_number' }).int('evaluations.error.bad_number').min(1, 'evaluations.error.bad_number').max(SURVEY_LIMITS.codesPerBatch, 'evaluations.error.bad_number'),
})

export const AnalysisSchema = z.object({
  intent: z.literal('analysis'),
  analysis: z.string().max(20_000, 'validation.tooLong|20000').default(''),
})

export const FollowUpSchema = z.object({
  intent: z.literal('followUp'),
  finding: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(1000, 'validation.tooLong|1000'),
  action: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(1000, 'validation.tooLong|1000'),
  owner: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(200, 'validation.tooLong|200'),
  dueOn: z.string({ error: 'evaluations.error.bad_date' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'evaluations.error.bad_date'),
  element: z.coerce.number().int().min(1).max(9).optional(),
  indicatorId: z.coerce.number().int().positive().optional(),
})

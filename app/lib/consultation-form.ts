import { z } from 'zod'
import { AUDIENCES, MODERATION_MODES, QUESTION_KINDS } from '~/domain/input-rules'

const asArray = (v: unknown) => (v === undefined || Array.isArray(v) ? v : [v])

export const ConsultationSchema = z.object({
  versionNumber: z.coerce.number({ error: 'cadmin.error.versionNotPublished' }).int().positive(),
  title: z.string({ error: 'validation.required' }).trim().min(3, 'validation.tooShort|3').max(200, 'validation.tooLong|200'),
  description: z.string().trim().max(2000, 'validation.tooLong|2000').default(''),
  opensAt: z.string({ error: 'cadmin.error.badTime' }),
  closesAt: z.string({ error: 'cadmin.error.badTime' }),
  audience: z.enum(AUDIENCES as [string, ...string[]], { error: 'validation.required' }),
  moderation: z.enum(MODERATION_MODES as [string, ...string[]], { error: 'validation.required' }),
  topics: z.preprocess(asArray, z.array(z.string().max(60)).default([])),
  extraTopics: z.string().max(500, 'validation.tooLong|500').default(''),
})

export const ScheduleSchema = z.object({
  intent: z.literal('schedule'),
  title: ConsultationSchema.shape.title,
  description: ConsultationSchema.shape.description,
  opensAt: ConsultationSchema.shape.opensAt,
  closesAt: ConsultationSchema.shape.closesAt,
})

export const QuestionSchema = z
  .object({
    intent: z.literal('addQuestion'),
    kind: z.enum(QUESTION_KINDS as [string, ...string[]], { error: 'validation.required' }),
    prompt: z.string({ error: 'validation.required' }).trim().min(3, 'validation.tooShort|3').max(300, 'validation.tooLong|300'),
    options: z.string().max(2000, 'validation.tooLong|2000').default(''),
    required: z.literal('on').optional(),
  })
  .superRefine((v, ctx) => {
    const options = new Set(v.options.split('\n').map((o) => o.trim()).filter(Boolean))
    if ((v.kind === 'single' || v.kind === 'multiple') && options.size < 2) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'cadmin.error.needOptions' })
    }
  })

export function splitTopics(chosen: string[], extra: string): string[] {
  return [...chosen, ...extra.split(',')].map((t) => t.trim()).filter(Boolean)
}

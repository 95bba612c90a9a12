import { z } from 'zod'
import { STAGES, STARTING_STAGES } from '~/domain/stages'

// The policy team's forms, shared by client and server. Messages are catalogue keys.

export const LIMITS = {
  title: 200,
  summary: 1000,
  topic: 200,
  heading: 200,
  body: 50_000,
  importText: 500_000,
  importFileBytes: 1_000_000,
  note: 2000,
} as const

const optionalText = (max: number) => z.string().max(max, `validation.tooLong|${max}`).optional()

export const CreatePolicySchema = z.object({
  organisationId: z.number({ error: 'drafting.error.chooseOrganisation' }).int().positive(),
  title: z
    .string({ error: 'validation.required' })
    .trim()
    .min(5, 'validation.tooShort|5')
    .max(LIMITS.title, `validation.tooLong|${LIMITS.title}`),
  summary: z
    .string({ error: 'validation.required' })
    .trim()
    .min(10, 'validation.tooShort|10')
    .max(LIMITS.summary, `validation.tooLong|${LIMITS.summary}`),
  topic: optionalText(LIMITS.topic),
  stage: z.enum(STARTING_STAGES, { error: 'drafting.error.chooseStage' }),
})

export const StageSchema = z.object({
  intent: z.literal('stage'),
  stage: z.enum(STAGES, { error: 'drafting.error.chooseStage' }),
  note: optionalText(LIMITS.note),
})

export const NextVersionSchema = z.object({ intent: z.literal('nextVersion') })

const sectionFields = {
  heading: optionalText(LIMITS.heading),
  body: optionalText(LIMITS.body),
}

function headingOrBody(value: { heading?: string; body?: string }, ctx: z.RefinementCtx) {
  if (!value.heading?.trim() && !value.body?.trim()) {
    ctx.addIssue({ code: 'custom', path: ['heading'], message: 'drafting.error.emptySection' })
  }
}

const sectionId = z.number({ error: 'drafting.error.sectionGone' }).int().positive()

export const UpdateSectionSchema = z
  .object({ intent: z.literal('update'), sectionId, ...sectionFields })
  .superRefine(headingOrBody)

/** `end`, `start`, or `after-<section id>`. */
export const AddSectionSchema = z
  .object({
    intent: z.literal('add'),
    ...sectionFields,
    place: z
      .string()
      .regex(/^(end|start|after-\d+)$/, 'drafting.error.choosePlace')
      .optional(),
  })
  .superRefine(headingOrBody)

export const MoveSectionSchema = z.object({
  intent: z.literal('move'),
  sectionId,
  direction: z.enum(['up', 'down']),
})

export const ImportSchema = z
  .object({
    intent: z.literal('import'),
    text: optionalText(LIMITS.importText),
    file: z
      .instanceof(File)
      .refine((f) => /\.txt$/i.test(f.name) || f.type === 'text/plain', 'drafting.error.fileType')
      .refine((f) => f.size <= LIMITS.importFileBytes, 'drafting.error.fileTooLarge')
      .optional(),
    mode: z.enum(['replace', 'append'], { error: 'drafting.error.chooseMode' }),
  })
  .superRefine((value, ctx) => {
    if (!value.text?.trim() && !value.file) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'drafting.error.importEmpty' })
    } else if (value.text?.trim() && value.file) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'drafting.error.importBoth' })
    }
  })

export const PublishSchema = z.object({
  intent: z.literal('publish'),
  note: optionalText(LIMITS.note),
  confirm: z.boolean({ error: 'drafting.error.confirmPublish' }).refine((v) => v, 'drafting.error.confirmPublish'),
})

export const RemoveSectionSchema = z.object({ confirm: z.literal('ya') })

import { z } from 'zod'
import { THEME_TITLE_MAX, THEME_SUMMARY_MAX } from '~/lib/theme-limits'

const asArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const ids = z.preprocess(asArray, z.array(z.coerce.number().int().positive()))

export const ThemeTitleSchema = z.object({
  intent: z.literal('create'),
  title: z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(THEME_TITLE_MAX, `validation.tooLong|${THEME_TITLE_MAX}`),
})

export const ThemeSummarySchema = z
  .object({
    intent: z.literal('save'),
    title: ThemeTitleSchema.shape.title,
    summary: z.string().trim().max(THEME_SUMMARY_MAX, `validation.tooLong|${THEME_SUMMARY_MAX}`).prefault(''),
    citedInputIds: ids,
  })
  .superRefine((v, ctx) => {
    if (v.summary && v.citedInputIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['citedInputIds'], message: 'theme.error.citationRequired' })
    }
    if (!v.summary && v.citedInputIds.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['summary'], message: 'theme.error.summaryRequired' })
    }
  })

/** Checked inputs of a bulk form: ids only; anything else is ignored. */
export function checkedIds(formData: FormData, name = 'inputIds'): number[] {
  return formData
    .getAll(name)
    .map((v) => Number(v))
    .filter((n) => Number.isSafeInteger(n) && n > 0)
}

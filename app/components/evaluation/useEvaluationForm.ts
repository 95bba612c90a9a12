import { type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { z } from 'zod'

/**
 * One of several forms on a page: Conform's form with the server's last answer when it was for
 * this form, what was typed (to put back), and errors by field name.
 */
export function useEvaluationForm(
  id: string,
  schema: z.ZodType,
  actionData: { form?: string; result?: SubmissionResult<string[]> } | undefined,
) {
  const [form] = useForm({
    id,
    lastResult: actionData?.form === id ? actionData.result : undefined,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const initial = (form.initialValue ?? {}) as Record<string, any>
  const errors = (name: string) => form.allErrors[name]
  return { form, initial, errors }
}

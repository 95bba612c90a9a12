import type { InputRuleError } from '~/domain/inputs.server'

/** The domain's rule errors as Conform field and form errors (message keys with arguments). */
export function inputErrorsForForm(
  errors: InputRuleError[],
  context: { opensAt: string; closesAt: string; organisation: string },
): { fieldErrors: Record<string, string[]>; formErrors: string[] } {
  const fieldErrors: Record<string, string[]> = {}
  const formErrors: string[] = []
  const add = (field: string, message: string) => (fieldErrors[field] ??= []).push(message)
  for (const e of errors) {
    switch (e.code) {
      case 'not_open':
        formErrors.push(
          e.state === 'upcoming' ? `input.error.notYetOpen|date=${context.opensAt}` : `input.error.closed|date=${context.closesAt}`,
        )
        break
      case 'not_in_audience':
        formErrors.push(`input.error.audience|organisation=${context.organisation}`)
        break
      case 'not_signed_in':
        formErrors.push('input.signInFirst')
        break
      case 'rate_limited':
        formErrors.push(`input.error.rateLimited|minutes=${Math.max(1, Math.ceil(e.retryAfterMs / 60_000))}`)
        break
      case 'consent_missing':
        add(e.field, 'input.error.consent')
        break
      case 'answer_required':
        add(e.field, 'input.error.answerRequired')
        break
      case 'answer_invalid':
        add(e.field, 'input.error.answerInvalid')
        break
      case 'too_long':
        add(e.field, `validation.tooLong|${e.max}`)
        break
      case 'required':
        add(e.field, 'validation.required')
        break
      case 'unknown_section':
        add(e.field, 'input.error.unknownSection')
        break
      case 'unknown_topic':
        add(e.field, 'input.error.unknownTopic')
        break
      case 'unknown_kind':
        add(e.field, 'validation.required')
        break
      case 'verified_role_unavailable':
        add(e.field, 'input.error.notVerified')
        break
      case 'pseudonym_imitates_role':
        add(e.field, 'input.error.pseudonymImitatesRole')
        break
      case 'received_outside_window':
        add(e.field, 'input.error.receivedOutsideWindow')
        break
      case 'token_used':
        formErrors.push('input.error.tokenUsed')
        break
    }
  }
  return { fieldErrors, formErrors }
}

/**
 * A rule of the evaluation cycle a person broke. `code` names the message
 * (`evaluations.error.<code>`), `field` the form field it belongs next to.
 */
export class EvaluationError extends Error {
  constructor(
    public code:
      | 'wrong_stage'
      | 'period_exists'
      | 'not_found'
      | 'survey_closed'
      | 'survey_not_open'
      | 'already_answered'
      | 'token_used'
      | 'rate_limited'
      | 'receipt_required'
      | 'receipt_unknown'
      | 'receipt_used'
      | 'employees_only'
      | 'answer_invalid'
      | 'answer_required'
      | 'profile_invalid'
      | 'too_long'
      | 'nothing_answered'
      | 'closes_before_opens'
      | 'bad_number'
      | 'bad_url'
      | 'bad_date'
      | 'required'
      | 'report_published'
      | 'report_not_published'
      | 'report_needs_responses'
      | 'needs_analysis'
      | 'revision_started'
      | 'draft_exists'
      | 'too_many_questions'
      | 'bad_question'
      | 'has_responses'
      | 'retired',
    public field = '',
    public detail = '',
  ) {
    super(code)
  }
}

/** Form errors for Conform's reply: `{ field: ['evaluations.error.code|detail'] }`. */
export function evaluationFieldErrors(error: EvaluationError, fallbackField = ''): Record<string, string[]> {
  const key = `evaluations.error.${error.code}${error.detail ? `|${error.detail}` : ''}`
  return { [error.field || fallbackField]: [key] }
}

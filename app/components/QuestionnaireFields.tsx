import { ChoiceGroup, TextArea } from '~/components/form-controls'
import { LIMITS } from '~/domain/input-rules'
import { useT } from '~/i18n/use-t'
import type { QuestionKind } from '~db/schema'

/**
 * A questionnaire's questions as form fields named `answers.q<id>`: scales, yes/no, single and
 * multiple choice, short text. Used by consultations and by evaluation surveys.
 */
export function QuestionnaireFields(props: {
  questions: { id: number; kind: QuestionKind; prompt: string; options: string[]; required: boolean }[]
  initial: Record<string, unknown> | undefined
  errors: (name: string) => string[] | undefined
  idPrefix?: string
}) {
  const t = useT()
  return (
    <>
      {props.questions.map((q) => {
        const name = `answers.q${q.id}`
        const id = `${props.idPrefix ?? 'pertanyaan'}-${q.id}`
        const legend = (
          <>
            {q.prompt} <span className="muted">({q.required ? t('input.required') : t('input.optional')})</span>
          </>
        )
        const given = props.initial?.[`q${q.id}`] as string | string[] | undefined
        if (q.kind === 'text') {
          return (
            <TextArea
              key={q.id}
              id={id}
              name={name}
              label={legend}
              rows={3}
              defaultValue={typeof given === 'string' ? given : undefined}
              errors={props.errors(name)}
              maxLength={LIMITS.answerText}
            />
          )
        }
        const options =
          q.kind === 'scale'
            ? ['1', '2', '3', '4', '5'].map((v) => ({
                value: v,
                label: v === '1' ? `1 (${t('input.scale.low')})` : v === '5' ? `5 (${t('input.scale.high')})` : v,
              }))
            : q.kind === 'yesno'
              ? [
                  { value: 'ya', label: t('input.yes') },
                  { value: 'tidak', label: t('input.no') },
                ]
              : q.options.map((o) => ({ value: o, label: o }))
        return (
          <ChoiceGroup
            key={q.id}
            id={id}
            name={name}
            type={q.kind === 'multiple' ? 'checkbox' : 'radio'}
            legend={legend}
            inline={q.kind === 'scale' || q.kind === 'yesno'}
            defaultValue={given}
            errors={props.errors(name)}
            options={options}
          />
        )
      })}
    </>
  )
}

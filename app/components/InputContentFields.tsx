import { ChoiceGroup, Select, TextArea, TextInput } from '~/components/form-controls'
import { GROUP_TYPES, INPUT_KINDS, LIMITS } from '~/domain/input-rules'
import { useT } from '~/i18n/use-t'

/** What an input says — section, kind, wording, reason, topic — as given online or keyed in by staff. */
export function InputContentFields(props: {
  prefix: string
  sections: { key: string; heading: string }[]
  topics: string[]
  initial: Record<string, any>
  errors: (name: string) => string[] | undefined
  defaultSection?: string
  withHints?: boolean
}) {
  const t = useT()
  const { prefix, initial, errors } = props
  return (
    <>
      <Select
        id={`${prefix}-bagian`}
        name="sectionKey"
        label={t('input.section')}
        defaultValue={initial.sectionKey ?? props.defaultSection ?? ''}
        errors={errors('sectionKey')}
        options={[
          { value: '', label: t('input.section.whole') },
          ...props.sections.map((s) => ({ value: s.key, label: s.heading || t('policy.untitledSection') })),
        ]}
      />
      <ChoiceGroup
        id={`${prefix}-jenis`}
        name="kind"
        type="radio"
        legend={t('kind.label')}
        defaultValue={initial.kind}
        errors={errors('kind')}
        options={INPUT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`), hint: props.withHints ? t(`kind.${k}.hint`) : undefined }))}
      />
      <TextArea
        id={`${prefix}-usulan`}
        name="proposedText"
        label={t('input.proposedText')}
        hint={t('input.proposedText.hint')}
        defaultValue={initial.proposedText}
        errors={errors('proposedText')}
        maxLength={LIMITS.proposedText}
      />
      <TextArea
        id={`${prefix}-alasan`}
        name="reason"
        label={t('input.reason')}
        hint={props.withHints ? t('input.reason.hint') : undefined}
        defaultValue={initial.reason}
        errors={errors('reason')}
        maxLength={LIMITS.reason}
      />
      <Select
        id={`${prefix}-topik`}
        name="topic"
        label={t('input.topic')}
        placeholder={t('input.topic.choose')}
        defaultValue={initial.topic}
        errors={errors('topic')}
        options={props.topics.map((topic) => ({ value: topic, label: topic }))}
      />
    </>
  )
}

/** On behalf of a group: its name and kind. */
export function GroupFields(props: { prefix: string; initial: Record<string, any>; errors: (name: string) => string[] | undefined }) {
  const t = useT()
  return (
    <fieldset className="fieldset">
      <legend>{t('input.group')}</legend>
      <TextInput
        id={`${props.prefix}-kelompok`}
        name="groupName"
        label={t('input.groupName')}
        defaultValue={props.initial.groupName}
        errors={props.errors('groupName')}
        maxLength={LIMITS.groupName}
      />
      <Select
        id={`${props.prefix}-jenis-kelompok`}
        name="groupType"
        label={t('input.groupType')}
        placeholder={t('input.groupType.choose')}
        defaultValue={props.initial.groupType}
        errors={props.errors('groupType')}
        options={GROUP_TYPES.map((g) => ({ value: g, label: t(`group.${g}`) }))}
      />
    </fieldset>
  )
}

/** The section, kind and topic selects that filter a list of inputs (a GET form's fields). */
export function InputFilterFields(props: {
  sections: { key: string; heading: string }[]
  /** Omit to leave out the topic filter. */
  topics?: string[]
  values: { section: string; kind: string; topic?: string }
  /** The section value that means "every section". */
  allSections: string
}) {
  const t = useT()
  return (
    <>
      <Select
        id="saring-bagian"
        name="bagian"
        label={t('inputs.filter.section')}
        defaultValue={props.values.section}
        options={[
          { value: props.allSections, label: t('inputs.filter.allSections') },
          { value: 'seluruh', label: t('input.section.whole') },
          ...props.sections.map((s) => ({ value: s.key, label: s.heading })),
        ]}
      />
      <Select
        id="saring-jenis"
        name="jenis"
        label={t('inputs.filter.kind')}
        defaultValue={props.values.kind}
        placeholder={t('inputs.filter.allKinds')}
        options={INPUT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      />
      {props.topics ? (
        <Select
          id="saring-topik"
          name="topik"
          label={t('inputs.filter.topic')}
          defaultValue={props.values.topic}
          placeholder={t('inputs.filter.allTopics')}
          options={props.topics.map((topic) => ({ value: topic, label: topic }))}
        />
      ) : null}
    </>
  )
}

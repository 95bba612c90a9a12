import { ChoiceGroup, TextInput } from '~/components/form-controls'
import { useT } from '~/i18n/use-t'

/** An indicator's fields: name, unit, baseline, target, direction, data source, responsible unit. */
export function IndicatorFields(props: { prefix: string; initial: Record<string, any>; errors: (name: string) => string[] | undefined }) {
  const t = useT()
  const { prefix, initial, errors } = props
  return (
    <>
      <TextInput id={`${prefix}-nama`} name="name" label={t('evaluations.indicator.name')} hint={t('evaluations.indicator.name.hint')} defaultValue={initial.name} errors={errors('name')} maxLength={200} />
      <TextInput id={`${prefix}-satuan`} name="unit" label={t('evaluations.indicator.unit')} hint={t('evaluations.indicator.unit.hint')} defaultValue={initial.unit} errors={errors('unit')} maxLength={40} />
      <TextInput id={`${prefix}-awal`} name="baseline" label={t('evaluations.indicator.baseline')} hint={t('evaluations.indicator.number.hint')} defaultValue={initial.baseline} errors={errors('baseline')} inputMode="text" />
      <TextInput id={`${prefix}-target`} name="target" label={t('evaluations.indicator.target')} hint={t('evaluations.indicator.number.hint')} defaultValue={initial.target} errors={errors('target')} inputMode="text" />
      <ChoiceGroup
        id={`${prefix}-arah`}
        name="direction"
        type="radio"
        legend={t('evaluations.indicator.direction')}
        defaultValue={initial.direction ?? 'higher'}
        errors={errors('direction')}
        options={[
          { value: 'higher', label: t('evaluations.direction.higher') },
          { value: 'lower', label: t('evaluations.direction.lower') },
        ]}
      />
      <TextInput id={`${prefix}-sumber`} name="dataSource" label={t('evaluations.indicator.source')} defaultValue={initial.dataSource} errors={errors('dataSource')} maxLength={300} />
      <TextInput id={`${prefix}-unit`} name="responsibleUnit" label={t('evaluations.indicator.responsible')} defaultValue={initial.responsibleUnit} errors={errors('responsibleUnit')} maxLength={200} />
    </>
  )
}

import type { Stage } from '~db/schema'
import { useT } from '~/i18n/use-t'

export function StageBadge({ stage }: { stage: Stage }) {
  const t = useT()
  return (
    <span className={`stage-badge stage-badge--${stage}`}>
      <span className="visually-hidden">{t('stage.label')}: </span>
      {t(`stage.${stage}`)}
    </span>
  )
}

import type { EmployeeClaimStatus } from '~db/schema'
import { useT } from '~/i18n/use-t'

const STATUS_KEYS = {
  pending: 'employees.status.pending',
  approved: 'employees.status.approved',
  rejected: 'employees.status.rejected',
} as const satisfies Record<EmployeeClaimStatus, string>

/** The state of a civil-servant verification request, as a coloured label that also says it in words. */
export function ClaimStatus({ status }: { status: EmployeeClaimStatus }) {
  const t = useT()
  return <span className={`claim-status claim-status--${status}`}>{t(STATUS_KEYS[status])}</span>
}

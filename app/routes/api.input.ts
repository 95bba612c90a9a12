import type { Route } from './+types/api.input'
import { getInputByTrackingNumber, normaliseTrackingNumber } from '~/domain/inputs.server'
import { assertCan } from '~/domain/permissions.server'
import { json, notFound } from '~/lib/api.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'

/** An input's status by tracking number; its text only once published, its author only as they chose to be shown. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const number = normaliseTrackingNumber(params.trackingNumber)
  const input = number ? await getInputByTrackingNumber(getDb(), number) : null
  if (!input) return notFound(`No input "${params.trackingNumber}".`)
  assertCan(await getActor(request), 'policy.read', { organisationId: input.organisation_id })
  const published = input.status === 'published'
  return json({
    data: {
      trackingNumber: input.tracking_number,
      status: input.status,
      policy: input.policy_slug,
      version: input.version_number,
      section: input.section_key || null,
      kind: input.kind,
      topic: input.topic,
      channel: input.channel,
      receivedAt: input.received_at,
      publishedAt: input.published_at,
      shownAs: published ? input.display_label || null : null,
      // Whether shownAs is a verified civil-servant role; unknown (null) until published.
      verified: published ? input.display_mode === 'verified_role' && input.display_label !== '' : null,
      group: published && input.group_name ? { name: input.group_name, type: input.group_type } : null,
      proposedText: published ? input.proposed_text : null,
      reason: published ? input.reason : null,
      answers: published ? input.answers.map((a) => ({ question: a.prompt, value: a.value })) : null,
      hiddenReason: input.status === 'hidden' ? input.hidden_reason || null : null,
      complaint: Boolean(input.is_complaint),
    },
  })
}

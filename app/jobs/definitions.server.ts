import { duplicateIndexJob } from '~/domain/duplicates.server'
import { surveyImportJob } from '~/domain/evaluations/import.server'
import type { JobDefinition } from '~/jobs/jobs.server'

/**
 * Every background job the server runs. A feature defines its job with `defineJob` in its own
 * module and adds it here; the runner (server.ts) starts workers for exactly these.
 */
export const jobDefinitions: JobDefinition[] = [surveyImportJob, duplicateIndexJob]

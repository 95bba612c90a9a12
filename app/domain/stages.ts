import type { Stage } from '~db/schema'

/** A policy's stages in the order it moves through them; after evaluation it returns to drafting. */
export const STAGES: Stage[] = [
  'analisis_kebutuhan',
  'penyusunan',
  'konsultasi_publik',
  'pembahasan',
  'penetapan',
  'implementasi',
  'evaluasi',
]

/** The stages a new policy may start in: before or at the first draft. */
export const STARTING_STAGES = ['analisis_kebutuhan', 'penyusunan'] as const satisfies readonly Stage[]
export type StartingStage = (typeof STARTING_STAGES)[number]

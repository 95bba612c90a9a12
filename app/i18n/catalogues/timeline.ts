// Words of a policy's public timeline.

export const idTimeline = {
  'timeline.title': 'Linimasa kebijakan',
  'timeline.metaTitle': 'Linimasa: {title}',
  'timeline.intro':
    'Setiap peristiwa dalam perjalanan kebijakan ini, dari yang paling awal: perpindahan tahap, versi rancangan yang diterbitkan, dan konsultasi publik. Waktu ditampilkan dalam {zone}.',
  'timeline.empty': 'Belum ada peristiwa yang tercatat.',
  'timeline.created': 'Kebijakan dimuat di Rembuk',
  'timeline.createdAtStage': 'Kebijakan dimuat di Rembuk pada tahap {stage}',
  'timeline.stageChanged': 'Tahap berpindah dari {from} ke {to}',
  'timeline.stageSet': 'Tahap menjadi {to}',
  'timeline.versionPublished': 'Versi {number} diterbitkan',
  'timeline.link.version': 'Baca versi {number}',
  'timeline.link.redline': 'Lihat perubahan dari versi {from} ke versi {to}',
  'timeline.documents': 'Dokumen',
  'timeline.note': 'Catatan:',
  'timeline.consultationOpened': 'Konsultasi publik dibuka: “{title}” (versi {number})',
  'timeline.consultationClosed': 'Konsultasi publik ditutup: “{title}” — {received} masukan diterima, {published} diterbitkan',
  'timeline.link.inputs': 'Baca masukan dan tanggapannya ({count} diterbitkan)',
} as const

export const enTimeline: Record<keyof typeof idTimeline, string> = {
  'timeline.title': 'Policy timeline',
  'timeline.metaTitle': 'Timeline: {title}',
  'timeline.intro':
    'Every event in the life of this policy, earliest first: stage changes, published draft versions and public consultations. Times are shown in {zone}.',
  'timeline.empty': 'No events recorded yet.',
  'timeline.created': 'Policy brought to Rembuk',
  'timeline.createdAtStage': 'Policy brought to Rembuk at the {stage} stage',
  'timeline.stageChanged': 'Stage moved from {from} to {to}',
  'timeline.stageSet': 'Stage set to {to}',
  'timeline.versionPublished': 'Version {number} published',
  'timeline.link.version': 'Read version {number}',
  'timeline.link.redline': 'See the changes from version {from} to version {to}',
  'timeline.documents': 'Documents',
  'timeline.note': 'Note:',
  'timeline.consultationOpened': 'Public consultation opened: “{title}” (version {number})',
  'timeline.consultationClosed': 'Public consultation closed: “{title}” — {received} inputs received, {published} published',
  'timeline.link.inputs': 'Read the inputs and their answers ({count} published)',
}

// Words of background work shown to people: progress, the latest result and when it was computed.

export const idJobs = {
  'job.queued': 'Menunggu giliran untuk dihitung.',
  'job.running': 'Sedang dihitung di latar belakang.',
  'job.progressLabel': 'Kemajuan perhitungan',
  'job.progress': '{done} dari {total} ({percent} %)',
  'job.progressCount': '{done} diproses',
  'job.lastResult': 'Hasil terakhir dihitung {at}.',
  'job.noResult': 'Belum ada hasil; halaman ini menampilkannya begitu perhitungan selesai.',
  'job.failed': 'Perhitungan terakhir gagal. Hasil sebelumnya tetap ditampilkan; coba jalankan lagi.',
  'job.refresh': 'Perbarui halaman',
  'job.refreshHint': 'Halaman ini diperbarui sendiri selama perhitungan berjalan.',
  'job.error.notFound': 'Tugas tidak ditemukan.',
} as const

export const enJobs: Record<keyof typeof idJobs, string> = {
  'job.queued': 'Waiting for its turn to be computed.',
  'job.running': 'Being computed in the background.',
  'job.progressLabel': 'Computation progress',
  'job.progress': '{done} of {total} ({percent} %)',
  'job.progressCount': '{done} processed',
  'job.lastResult': 'Latest result computed {at}.',
  'job.noResult': 'No result yet; this page shows it as soon as the computation ends.',
  'job.failed': 'The latest computation failed. The previous result is still shown; try running it again.',
  'job.refresh': 'Refresh the page',
  'job.refreshHint': 'This page refreshes itself while the computation runs.',
  'job.error.notFound': 'Job not found.',
}

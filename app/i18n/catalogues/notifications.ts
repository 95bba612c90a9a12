// Notifications (in the portal and by e-mail), following a policy, and the outbox.

export const idNotifications = {

  'notifications.title': 'Pemberitahuan',
  'notifications.intro':
    'Kabar tentang kebijakan yang Anda ikuti dan masukan yang Anda berikan. Setiap kabar juga dikirim ke alamat e-mail Anda.',
  'notifications.empty':
    'Belum ada pemberitahuan. Ikuti sebuah kebijakan untuk mendapat kabar saat versi baru terbit atau konsultasi dibuka dan ditutup.',
  'notifications.unreadSummary': '{count} pemberitahuan belum dibaca.',
  'notifications.allRead': 'Semua pemberitahuan sudah dibaca.',
  'notifications.list': 'Daftar pemberitahuan',
  'notifications.unread': 'Belum dibaca',
  'notifications.markRead': 'Tandai sudah dibaca',
  'notifications.markAllRead': 'Tandai semua sudah dibaca',
  'notifications.older': 'Pemberitahuan lebih lama',
  'notifications.newest': 'Kembali ke yang terbaru',
  'notifications.pages': 'Halaman pemberitahuan',
  'notifications.kind.version_published': 'Versi baru',
  'notifications.kind.consultation_opened': 'Konsultasi dibuka',
  'notifications.kind.consultation_closed': 'Konsultasi ditutup',
  'notifications.kind.input_answered': 'Masukan ditanggapi',

  'notify.versionPublished.title': 'Versi {version} diterbitkan: {policy}',
  'notify.versionPublished.body':
    '{organisation} menerbitkan versi {version} rancangan "{policy}". Baca perubahannya dan lihat apa yang dilakukan terhadap masukan masyarakat.',
  'notify.consultationOpened.title': 'Konsultasi publik dibuka: {policy}',
  'notify.consultationOpened.body':
    '{organisation} membuka konsultasi publik untuk rancangan "{policy}". Sampaikan masukan Anda pasal demi pasal sebelum {closesAt}.',
  'notify.consultationOpened.bodyOpenEnded':
    '{organisation} membuka konsultasi publik untuk rancangan "{policy}". Sampaikan masukan Anda pasal demi pasal.',
  'notify.consultationClosed.title': 'Konsultasi publik ditutup: {policy}',
  'notify.consultationClosed.body':
    'Konsultasi publik untuk rancangan "{policy}" dari {organisation} sudah ditutup. Setiap masukan akan ditanggapi; Anda akan diberi tahu saat versi berikutnya terbit.',
  'notify.inputAnswered.title': 'Masukan {trackingNumber} sudah ditanggapi',
  'notify.inputAnswered.body':
    'Masukan Anda dengan nomor registrasi {trackingNumber} sudah ditanggapi: {decision}. Baca tanggapan beserta alasannya.',
  'notify.inputAnswered.bodyPolicy':
    'Masukan Anda untuk "{policy}" dengan nomor registrasi {trackingNumber} sudah ditanggapi: {decision}. Baca tanggapan beserta alasannya.',
  'notify.decision.diterima': 'diterima',
  'notify.decision.diterima_sebagian': 'diterima sebagian',
  'notify.decision.ditolak': 'ditolak',
  'notify.decision.sudah_diakomodasi': 'sudah diakomodasi',
  'notify.decision.dicatat': 'dicatat',

  'mail.greeting': 'Halo {name},',
  'mail.open': 'Buka di Rembuk:',
  'mail.all': 'Semua pemberitahuan Anda:',
  'mail.why.policy':
    'Anda menerima e-mail ini karena mengikuti kebijakan ini atau pernah memberi masukan untuknya. Untuk berhenti mengikuti, buka halaman kebijakan dan pilih "Berhenti mengikuti".',
  'mail.why.input': 'Anda menerima e-mail ini karena pernah memberi masukan di Rembuk.',
  'mail.footer': 'E-mail ini dikirim otomatis oleh Rembuk, portal konsultasi publik penyusunan kebijakan. Mohon tidak membalas e-mail ini.',


  'outbox.intro': 'Setiap e-mail yang ditulis portal tercatat di sini, terkirim atau tidak, terbaru di atas.',
  'outbox.smtpOff':
    'Server SMTP belum diatur (variabel SMTP_URL kosong): e-mail tidak dikirim, hanya disimpan di sini.',
  'outbox.smtpOn': 'E-mail dikirim lewat {server}.',
  'outbox.to': 'Kepada',
  'outbox.subject': 'Subjek',
  'outbox.createdAt': 'Dibuat',
  'outbox.status': 'Status',
  'outbox.status.sent': 'Terkirim',
  'outbox.status.waiting': 'Belum dikirim',
  'outbox.status.failed': 'Gagal',
  'outbox.empty': 'Belum ada e-mail.',
  'outbox.older': 'E-mail lebih lama',
  'outbox.newest': 'Kembali ke yang terbaru',
  'outbox.pages': 'Halaman kotak keluar',
  'outbox.back': 'Kembali ke kotak keluar',
  'outbox.mail.title': 'E-mail #{id}',
  'outbox.from': 'Dari',
  'outbox.sentAt': 'Terkirim pada',
  'outbox.attempts': 'Percobaan kirim',
  'outbox.lastError': 'Galat terakhir',
  'outbox.body': 'Isi e-mail',
  'outbox.retry': 'Kirim ulang e-mail yang belum terkirim',
  'outbox.retried': '{sent} dari {tried} e-mail berhasil dikirim.',
  'outbox.nothingToRetry': 'Tidak ada e-mail yang menunggu dikirim ulang.',
} as const

export const enNotifications: Record<keyof typeof idNotifications, string> = {

  'notifications.title': 'Notifications',
  'notifications.intro':
    'News about the policies you follow and the input you gave. Each one is also sent to your e-mail address.',
  'notifications.empty':
    'No notifications yet. Follow a policy to hear when a new version is published or a consultation opens and closes.',
  'notifications.unreadSummary': '{count} unread notifications.',
  'notifications.allRead': 'All notifications are read.',
  'notifications.list': 'Notifications',
  'notifications.unread': 'Unread',
  'notifications.markRead': 'Mark as read',
  'notifications.markAllRead': 'Mark all as read',
  'notifications.older': 'Older notifications',
  'notifications.newest': 'Back to the newest',
  'notifications.pages': 'Notification pages',
  'notifications.kind.version_published': 'New version',
  'notifications.kind.consultation_opened': 'Consultation opened',
  'notifications.kind.consultation_closed': 'Consultation closed',
  'notifications.kind.input_answered': 'Input answered',

  'notify.versionPublished.title': 'Version {version} published: {policy}',
  'notify.versionPublished.body':
    '{organisation} published version {version} of the draft "{policy}". Read what changed and what was done with the public\'s input.',
  'notify.consultationOpened.title': 'Public consultation open: {policy}',
  'notify.consultationOpened.body':
    '{organisation} opened a public consultation on the draft "{policy}". Give your input clause by clause before {closesAt}.',
  'notify.consultationOpened.bodyOpenEnded':
    '{organisation} opened a public consultation on the draft "{policy}". Give your input clause by clause.',
  'notify.consultationClosed.title': 'Public consultation closed: {policy}',
  'notify.consultationClosed.body':
    'The public consultation on the draft "{policy}" by {organisation} has closed. Every input will be answered; you will hear when the next version is published.',
  'notify.inputAnswered.title': 'Input {trackingNumber} has been answered',
  'notify.inputAnswered.body':
    'Your input with tracking number {trackingNumber} has been answered: {decision}. Read the response and its reason.',
  'notify.inputAnswered.bodyPolicy':
    'Your input on "{policy}" with tracking number {trackingNumber} has been answered: {decision}. Read the response and its reason.',
  'notify.decision.diterima': 'accepted',
  'notify.decision.diterima_sebagian': 'partly accepted',
  'notify.decision.ditolak': 'rejected',
  'notify.decision.sudah_diakomodasi': 'already accommodated',
  'notify.decision.dicatat': 'noted',

  'mail.greeting': 'Hello {name},',
  'mail.open': 'Open in Rembuk:',
  'mail.all': 'All your notifications:',
  'mail.why.policy':
    'You receive this e-mail because you follow this policy or gave input on it. To stop following it, open the policy page and choose "Stop following".',
  'mail.why.input': 'You receive this e-mail because you gave input on Rembuk.',
  'mail.footer': 'This e-mail was sent automatically by Rembuk, the public consultation portal for policy drafting. Please do not reply.',


  'outbox.intro': 'Every e-mail the portal writes is recorded here, sent or not, newest first.',
  'outbox.smtpOff': 'No SMTP server is configured (SMTP_URL is empty): e-mail is not sent, only kept here.',
  'outbox.smtpOn': 'E-mail is sent through {server}.',
  'outbox.to': 'To',
  'outbox.subject': 'Subject',
  'outbox.createdAt': 'Created',
  'outbox.status': 'Status',
  'outbox.status.sent': 'Sent',
  'outbox.status.waiting': 'Not sent',
  'outbox.status.failed': 'Failed',
  'outbox.empty': 'No e-mail yet.',
  'outbox.older': 'Older e-mail',
  'outbox.newest': 'Back to the newest',
  'outbox.pages': 'Outbox pages',
  'outbox.back': 'Back to the outbox',
  'outbox.mail.title': 'E-mail #{id}',
  'outbox.from': 'From',
  'outbox.sentAt': 'Sent at',
  'outbox.attempts': 'Delivery attempts',
  'outbox.lastError': 'Last error',
  'outbox.body': 'Message',
  'outbox.retry': 'Resend e-mail that was not sent',
  'outbox.retried': '{sent} of {tried} e-mails were sent.',
  'outbox.nothingToRetry': 'No e-mail is waiting to be resent.',
}

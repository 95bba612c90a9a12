// Words for the account page and verified civil servants (ASN): claim, decision, verified role.

export const idEmployees = {
  'account.title': 'Akun saya',
  'account.details': 'Data akun',
  'account.organisations': 'Instansi dan peran',
  'account.noOrganisations': 'Anda belum tergabung di instansi mana pun.',
  'account.platformAdmin': 'Anda admin platform Rembuk.',
  'account.role.employee': 'Pegawai (ASN terverifikasi)',
  'account.role.moderator': 'Moderator / tim kebijakan',
  'account.role.admin': 'Admin instansi',
  'account.verifyQueue': 'Periksa permintaan verifikasi ASN di {organisation} ({count} menunggu)',
  'account.claims': 'Verifikasi ASN',
  'account.claimsIntro':
    'ASN yang terverifikasi dapat memberi masukan dengan peran terverifikasi, misalnya “ASN, BKPSDM Kota Sawahlunto”, tanpa menampilkan nama atau NIP.',
  'account.noClaims': 'Anda belum pernah meminta verifikasi sebagai ASN.',
  'account.claimLink': 'Minta verifikasi sebagai ASN',
  'account.claim.submittedAt': 'Diajukan {date}',
  'account.claim.decidedAt': 'Diputuskan {date}',
  'account.claim.reason': 'Alasan: {reason}',
  'account.claim.shownAs': 'Masukan Anda dapat tampil sebagai:',
  'account.claim.withdraw': 'Batalkan permintaan',
  'account.claim.submitted':
    'Permintaan verifikasi Anda sudah dikirim. Admin instansi akan memeriksanya; hasilnya tampil di bawah.',
  'account.claim.withdrawn': 'Permintaan verifikasi dibatalkan.',
  'account.claim.cannotWithdraw': 'Permintaan ini tidak dapat dibatalkan lagi karena sudah diputuskan.',

  'employees.status.pending': 'Menunggu persetujuan',
  'employees.status.approved': 'Terverifikasi',
  'employees.status.rejected': 'Ditolak',

  'employees.claim.title': 'Verifikasi sebagai ASN',
  'employees.claim.intro':
    'Bila Anda aparatur sipil negara (PNS atau PPPK), minta admin instansi Anda memverifikasi akun ini. Setelah disetujui, masukan Anda dapat tampil dengan peran terverifikasi, misalnya “ASN, BKPSDM Kota Sawahlunto”, tanpa nama dan tanpa NIP, dan Anda dapat ikut konsultasi khusus pegawai.',
  'employees.claim.privacyTitle': 'Mengapa kami meminta NIP, dan apa yang kami simpan',
  'employees.claim.privacyWhy':
    'NIP memastikan satu pegawai hanya punya satu akun terverifikasi: satu NIP tidak dapat dipakai dua akun.',
  'employees.claim.privacyHash':
    'NIP Anda tidak disimpan. Yang disimpan hanya sidik berkunci (keyed hash) yang tidak dapat diubah kembali menjadi NIP. NIP tidak pernah ditampilkan kepada siapa pun, termasuk admin instansi.',
  'employees.claim.privacyNik':
    'Kami tidak pernah meminta NIK (nomor induk kependudukan, 16 angka). Jangan tuliskan NIK di formulir ini.',
  'employees.claim.organisation': 'Instansi tempat Anda bekerja',
  'employees.claim.organisationChoose': 'Pilih instansi',
  'employees.claim.nip': 'NIP',
  'employees.claim.nipHint':
    '18 angka: tanggal lahir (8), tahun dan bulan mulai bertugas (6), jenis kelamin (1), nomor urut (3). Boleh diberi spasi, misalnya 19850312\u00a0201001\u00a01\u00a0002.',
  'employees.claim.unit': 'Unit kerja',
  'employees.claim.unitHint':
    'Misalnya BKPSDM, Dinas Pendidikan, atau Kantor Kecamatan. Unit ini tampil bersama peran Anda.',
  'employees.claim.position': 'Jabatan',
  'employees.claim.positionHint': 'Misalnya Analis SDM Aparatur. Hanya dilihat admin instansi.',
  'employees.claim.submit': 'Kirim permintaan verifikasi',
  'employees.claim.next':
    'Admin instansi mencocokkan nama, unit kerja, dan jabatan Anda dengan data kepegawaiannya, lalu menyetujui atau menolak dengan alasan. Hasilnya tampil di halaman Akun.',
  'employees.claim.noOrganisations': 'Belum ada instansi di Rembuk.',
  'employees.claim.backToAccount': 'Kembali ke Akun',

  'employees.nip.notDigits': 'NIP hanya berisi angka. Spasi boleh, tetapi huruf, titik, atau tanda hubung tidak.',
  'employees.nip.tooShort':
    'NIP terlalu pendek: NIP terdiri atas tepat 18 angka. (NIK berisi 16 angka dan tidak kami minta.)',
  'employees.nip.tooLong': 'NIP terlalu panjang: NIP terdiri atas tepat 18 angka.',
  'employees.nip.birthDate':
    'Delapan angka pertama NIP harus tanggal lahir yang benar, ditulis tahun, bulan, tanggal: misalnya 19850312 untuk 12 Maret 1985.',
  'employees.nip.startMonth':
    'Angka ke-9 sampai ke-14 NIP harus tahun dan bulan mulai bertugas, misalnya 201001 untuk Januari 2010; bulannya 01 sampai 12.',
  'employees.nip.startTooEarly':
    'Tahun dan bulan mulai bertugas (angka ke-9 sampai ke-14) jatuh sebelum pemilik NIP berusia 17 tahun menurut tanggal lahirnya. Periksa kembali kedua bagian itu.',
  'employees.nip.startInFuture':
    'Tahun dan bulan mulai bertugas (angka ke-9 sampai ke-14) tidak boleh di masa depan.',
  'employees.nip.sex': 'Angka ke-15 NIP menunjukkan jenis kelamin dan hanya boleh 1 (laki-laki) atau 2 (perempuan).',
  'employees.nip.sequence': 'Tiga angka terakhir NIP adalah nomor urut dan tidak boleh 000.',
  'employees.claim.error.organisation': 'Pilih instansi dari daftar.',
  'employees.claim.error.nipTaken':
    'NIP ini sudah dipakai akun lain. Bila ini NIP Anda, hubungi admin instansi Anda.',
  'employees.claim.error.otherNip':
    'Permintaan verifikasi Anda yang lain memakai NIP berbeda. Satu orang hanya punya satu NIP: batalkan permintaan yang salah di halaman Akun, lalu coba lagi.',
  'employees.claim.error.pending': 'Anda sudah punya permintaan verifikasi di instansi ini yang menunggu persetujuan.',
  'employees.claim.error.verified': 'Anda sudah terverifikasi sebagai ASN di instansi ini.',

  'employees.admin.title': 'Verifikasi ASN',
  'employees.admin.intro':
    'Cocokkan nama, unit kerja, dan jabatan setiap pemohon dengan data kepegawaian instansi. NIP pemohon tidak ditampilkan: Rembuk hanya menyimpan sidik berkuncinya dan memastikan satu NIP dipakai satu akun. Bila menolak, tulis alasannya; pemohon akan membacanya.',
  'employees.admin.pending': 'Menunggu keputusan ({count})',
  'employees.admin.noPending': 'Tidak ada permintaan yang menunggu keputusan.',
  'employees.admin.decided': 'Sudah diputuskan',
  'employees.admin.noDecided': 'Belum ada permintaan yang diputuskan.',
  'employees.admin.latestOnly': 'Menampilkan {count} keputusan terbaru.',
  'employees.admin.submittedAt': 'Diajukan',
  'employees.admin.reason': 'Alasan',
  'employees.admin.reasonHint': 'Wajib bila menolak. Pemohon akan membaca alasan ini.',
  'employees.admin.approve': 'Setujui',
  'employees.admin.reject': 'Tolak',
  'employees.admin.forName': 'permintaan {name}',
  'employees.admin.approved': 'Permintaan {name} disetujui: kini tercatat sebagai pegawai instansi ini.',
  'employees.admin.rejected': 'Permintaan {name} ditolak. Alasannya tampil di halaman Akun pemohon.',
  'employees.admin.by': 'oleh {name}',
  'employees.decide.error.notFound': 'Permintaan ini tidak ditemukan. Muat ulang halaman.',
  'employees.decide.error.alreadyDecided': 'Permintaan ini sudah diputuskan, mungkin oleh admin lain.',
  'employees.decide.error.reasonRequired': 'Tulis alasan penolakan; pemohon akan membacanya.',
  'employees.decide.error.ownClaim': 'Anda tidak dapat memutuskan permintaan Anda sendiri; minta admin lain.',
} as const

export const enEmployees: Record<keyof typeof idEmployees, string> = {
  'account.title': 'My account',
  'account.details': 'Account details',
  'account.organisations': 'Organisations and roles',
  'account.noOrganisations': 'You do not belong to any organisation yet.',
  'account.platformAdmin': 'You are a Rembuk platform admin.',
  'account.role.employee': 'Employee (verified civil servant)',
  'account.role.moderator': 'Moderator / policy team',
  'account.role.admin': 'Organisation admin',
  'account.verifyQueue': 'Review civil-servant verification requests at {organisation} ({count} waiting)',
  'account.claims': 'Civil-servant verification',
  'account.claimsIntro':
    'Verified civil servants can give input under a verified role, such as “ASN, BKPSDM Kota Sawahlunto”, without showing their name or NIP.',
  'account.noClaims': 'You have not asked to be verified as a civil servant.',
  'account.claimLink': 'Ask to be verified as a civil servant',
  'account.claim.submittedAt': 'Submitted {date}',
  'account.claim.decidedAt': 'Decided {date}',
  'account.claim.reason': 'Reason: {reason}',
  'account.claim.shownAs': 'Your input can be shown as:',
  'account.claim.withdraw': 'Withdraw request',
  'account.claim.submitted':
    'Your verification request has been sent. The organisation admin will review it; the outcome appears below.',
  'account.claim.withdrawn': 'Verification request withdrawn.',
  'account.claim.cannotWithdraw': 'This request can no longer be withdrawn: it has been decided.',

  'employees.status.pending': 'Awaiting approval',
  'employees.status.approved': 'Verified',
  'employees.status.rejected': 'Rejected',

  'employees.claim.title': 'Get verified as a civil servant',
  'employees.claim.intro':
    'If you are a civil servant (PNS or PPPK), ask your organisation admin to verify this account. Once approved, your input can be shown under a verified role, such as “ASN, BKPSDM Kota Sawahlunto”, without your name or NIP, and you can take part in employee-only consultations.',
  'employees.claim.privacyTitle': 'Why we ask for your NIP, and what we keep',
  'employees.claim.privacyWhy':
    'The NIP makes sure each civil servant has only one verified account: one NIP cannot back two accounts.',
  'employees.claim.privacyHash':
    'Your NIP is not stored. Only a keyed hash is kept, which cannot be turned back into the NIP. The NIP is never shown to anyone, including the organisation admin.',
  'employees.claim.privacyNik':
    'We never ask for your NIK (national identity number, 16 digits). Do not write your NIK in this form.',
  'employees.claim.organisation': 'Organisation you work for',
  'employees.claim.organisationChoose': 'Choose an organisation',
  'employees.claim.nip': 'NIP (civil-servant number)',
  'employees.claim.nipHint':
    '18 digits: birth date (8), year and month you started service (6), sex (1), sequence number (3). Spaces are fine, e.g. 19850312\u00a0201001\u00a01\u00a0002.',
  'employees.claim.unit': 'Work unit',
  'employees.claim.unitHint':
    'For example BKPSDM, Dinas Pendidikan or Kantor Kecamatan. The unit is shown with your role.',
  'employees.claim.position': 'Position',
  'employees.claim.positionHint': 'For example Analis SDM Aparatur. Seen only by the organisation admin.',
  'employees.claim.submit': 'Send verification request',
  'employees.claim.next':
    'The organisation admin checks your name, work unit and position against their staff records, then approves or rejects with a reason. The outcome appears on your Account page.',
  'employees.claim.noOrganisations': 'There are no organisations on Rembuk yet.',
  'employees.claim.backToAccount': 'Back to Account',

  'employees.nip.notDigits': 'A NIP contains only digits. Spaces are fine, but letters, dots or dashes are not.',
  'employees.nip.tooShort':
    'The NIP is too short: it has exactly 18 digits. (A NIK has 16 digits, and we do not ask for it.)',
  'employees.nip.tooLong': 'The NIP is too long: it has exactly 18 digits.',
  'employees.nip.birthDate':
    'The first eight digits of a NIP must be a real birth date, written year, month, day: e.g. 19850312 for 12 March 1985.',
  'employees.nip.startMonth':
    'Digits 9 to 14 of a NIP must be the year and month service started, e.g. 201001 for January 2010; the month is 01 to 12.',
  'employees.nip.startTooEarly':
    'The start of service (digits 9 to 14) falls before the holder turned 17, going by the birth date in the NIP. Please check both parts.',
  'employees.nip.startInFuture': 'The start of service (digits 9 to 14) cannot be in the future.',
  'employees.nip.sex': 'Digit 15 of a NIP gives the sex and can only be 1 (male) or 2 (female).',
  'employees.nip.sequence': 'The last three digits of a NIP are a sequence number and cannot be 000.',
  'employees.claim.error.organisation': 'Choose an organisation from the list.',
  'employees.claim.error.nipTaken':
    'This NIP is already used by another account. If it is your NIP, contact your organisation admin.',
  'employees.claim.error.otherNip':
    'Your other verification request uses a different NIP. A person has only one NIP: withdraw the wrong request on your Account page, then try again.',
  'employees.claim.error.pending': 'You already have a verification request at this organisation awaiting approval.',
  'employees.claim.error.verified': 'You are already verified as a civil servant at this organisation.',

  'employees.admin.title': 'Civil-servant verification',
  'employees.admin.intro':
    "Check each applicant's name, work unit and position against the organisation's staff records. Applicants' NIPs are not shown: Rembuk keeps only a keyed hash and makes sure one NIP backs one account. When you reject, write the reason; the applicant will read it.",
  'employees.admin.pending': 'Awaiting decision ({count})',
  'employees.admin.noPending': 'No requests are awaiting a decision.',
  'employees.admin.decided': 'Decided',
  'employees.admin.noDecided': 'No requests have been decided yet.',
  'employees.admin.latestOnly': 'Showing the {count} most recent decisions.',
  'employees.admin.submittedAt': 'Submitted',
  'employees.admin.reason': 'Reason',
  'employees.admin.reasonHint': 'Required when rejecting. The applicant will read this reason.',
  'employees.admin.approve': 'Approve',
  'employees.admin.reject': 'Reject',
  'employees.admin.forName': "{name}'s request",
  'employees.admin.approved': "{name}'s request approved: now recorded as an employee of this organisation.",
  'employees.admin.rejected': "{name}'s request rejected. The reason appears on the applicant's Account page.",
  'employees.admin.by': 'by {name}',
  'employees.decide.error.notFound': 'This request was not found. Reload the page.',
  'employees.decide.error.alreadyDecided': 'This request has already been decided, perhaps by another admin.',
  'employees.decide.error.reasonRequired': 'Write the reason for rejecting; the applicant will read it.',
  'employees.decide.error.ownClaim': 'You cannot decide your own request; ask another admin.',
}

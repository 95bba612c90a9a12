// The two words a form page needs when an account has not verified its e-mail yet (kept apart
// from 'accounts' so the input form does not carry every account message).

export const idVerification = {
  'account.verify.needed': 'Verifikasi alamat e-mail Anda dulu: buka tautan yang kami kirim ke {email} (atau minta tautan baru di halaman Akun). Isian Anda tetap di sini; kirim lagi setelah itu.',
  'account.verify.neededFlag': 'Verifikasi alamat e-mail Anda dulu: buka tautan yang kami kirim ke {email} (atau minta tautan baru di halaman Akun), lalu laporkan lagi.',
} as const

export const enVerification: Record<keyof typeof idVerification, string> = {
  'account.verify.needed': 'Verify your e-mail address first: open the link we sent to {email} (or ask for a new one on the Account page). What you typed stays here; send it again afterwards.',
  'account.verify.neededFlag': 'Verify your e-mail address first: open the link we sent to {email} (or ask for a new one on the Account page), then report again.',
}

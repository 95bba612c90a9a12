import nodemailer, { type Transporter } from 'nodemailer'

/**
 * Plain-text mail over SMTP. Configured by SMTP_URL (smtp://user:pass@host:587, smtps://…:465;
 * nodemailer reads options from the query string too, e.g. ?tls.rejectUnauthorized=false),
 * MAIL_FROM and PUBLIC_URL. Without SMTP_URL nothing is sent: mail waits in the outbox.
 */

export const DEFAULT_MAIL_FROM = 'Rembuk <no-reply@rembuk.localhost>'
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000'

export interface OutgoingMail {
  to: string
  toName?: string
  subject: string
  text: string
}

export type SendOutcome = { ok: true } | { ok: false; error: string }

export function smtpUrl(): string | null {
  const url = process.env.SMTP_URL?.trim()
  return url ? url : null
}

export function isMailConfigured(): boolean {
  return smtpUrl() !== null
}

export function mailFrom(): string {
  return process.env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM
}

/** The portal's address as people reach it, without a trailing slash. */
export function publicUrl(): string {
  return (process.env.PUBLIC_URL?.trim() || DEFAULT_PUBLIC_URL).replace(/\/+$/, '')
}

/** A path inside the portal as a full link for a mail. */
export function absoluteUrl(path: string): string {
  return publicUrl() + (path.startsWith('/') ? path : `/${path}`)
}

function parseSmtpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw)
    return url.protocol === 'smtp:' || url.protocol === 'smtps:' ? url : null
  } catch {
    return null
  }
}

/** Where mail goes, for the platform admin: scheme, host and port, never the credentials. */
export function describeSmtp(): string | null {
  const raw = smtpUrl()
  if (!raw) return null
  const url = parseSmtpUrl(raw)
  if (!url) return 'SMTP_URL?'
  return `${url.protocol}//${url.host}`
}

let cached: { url: string; transport: Transporter } | null = null

function transportFor(url: string): Transporter {
  if (cached?.url === url) return cached.transport
  cached?.transport.close()
  // Short timeouts: a mail server that does not answer must not hold a person's request for minutes.
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  cached = { url, transport }
  return transport
}

/** Sends one mail. Never throws: a failure comes back as its message, for the outbox. */
export async function sendMail(mail: OutgoingMail): Promise<SendOutcome> {
  const raw = smtpUrl()
  if (!raw) return { ok: false, error: 'SMTP_URL is not set' }
  if (!parseSmtpUrl(raw)) return { ok: false, error: 'SMTP_URL must start with smtp:// or smtps://' }
  try {
    const info = await transportFor(raw).sendMail({
      from: mailFrom(),
      to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
      subject: mail.subject,
      text: mail.text,
    })
    if (Array.isArray(info.rejected) && info.rejected.length > 0) {
      return { ok: false, error: `rejected: ${info.rejected.map(String).join(', ')}` }
    }
    return { ok: true }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

/** Closes the open SMTP connection, if any (tests; a changed SMTP_URL closes the old one by itself). */
export function closeMailer(): void {
  cached?.transport.close()
  cached = null
}

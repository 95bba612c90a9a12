import { z } from 'zod'

// Shared by client and server. Messages are catalogue keys ("validation.tooShort|10"),
// rendered in the reader's language by translateError.

export const emailField = z
  .string({ error: 'validation.required' })
  .trim()
  .max(254, 'validation.tooLong|254')
  .pipe(z.email({ error: 'validation.email' }))

export const newPasswordField = z
  .string({ error: 'validation.required' })
  .min(10, 'validation.tooShort|10')
  .max(200, 'validation.tooLong|200')

export const SignInSchema = z.object({
  email: emailField,
  password: z.string({ error: 'validation.required' }).max(200, 'validation.tooLong|200'),
  redirectTo: z.string().optional(),
  signOutOthers: z.boolean().optional(),
})

export const RegisterSchema = z.object({
  displayName: z
    .string({ error: 'validation.required' })
    .trim()
    .min(2, 'validation.tooShort|2')
    .max(80, 'validation.tooLong|80'),
  email: emailField,
  password: newPasswordField,
  redirectTo: z.string().optional(),
})

export const ChangePasswordSchema = z.object({
  intent: z.literal('password'),
  currentPassword: z.string({ error: 'validation.required' }).max(200, 'validation.tooLong|200'),
  newPassword: newPasswordField,
})

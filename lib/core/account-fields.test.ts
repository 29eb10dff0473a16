import { describe, expect, it } from 'vitest'
import { emailField, isCommonPassword, nameField, newPasswordField } from './account-fields'

describe('account fields', () => {
  it('refuses common passwords, whatever their case, and takes an uncommon passphrase', () => {
    for (const common of ['password', '12345678', 'Password', 'qwertyuiop', 'iloveyou1']) {
      expect(isCommonPassword(common)).toBe(true)
      expect(newPasswordField.safeParse(common).success).toBe(false)
    }
    expect(newPasswordField.safeParse('correct horse battery').success).toBe(true)
  })

  it('bounds a new password to 8–128 characters', () => {
    expect(newPasswordField.safeParse('x7#Kq2!').success).toBe(false)
    expect(newPasswordField.safeParse('x7#Kq2!v'.repeat(16)).success).toBe(true) // 128
    expect(newPasswordField.safeParse('x7#Kq2!v'.repeat(16) + 'z').success).toBe(false)
  })

  it('bounds a name to 1–100 characters after trimming', () => {
    expect(nameField.safeParse('   ').success).toBe(false)
    expect(nameField.safeParse(' Ada ').data).toBe('Ada')
    expect(nameField.safeParse('a'.repeat(100)).success).toBe(true)
    expect(nameField.safeParse('a'.repeat(101)).success).toBe(false)
  })

  it('refuses control characters and text-direction overrides in a name (issue #32)', () => {
    for (const name of ['Ada\u0007', 'Ada\u0000Lovelace', 'A\u001bda', 'Ada\u0085x', 'Ada\u202eecilA', '\u202aAda', '\u2066Ada\u2069', 'Ada\u2068x', 'Ada\nLovelace'])
      expect(nameField.safeParse(name).error?.issues[0]?.message, JSON.stringify(name)).toBe('errors.nameControl')
    expect(nameField.safeParse('Ada Lovelace 李').success).toBe(true)
    expect(nameField.safeParse('עדה\u200fLovelace').success).toBe(true) // a right-to-left mark is ordinary text
  })

  it('refuses a password of whitespace only', () => {
    for (const blank of [' '.repeat(8), '\t'.repeat(10), ' \u00a0 \u3000    '])
      expect(newPasswordField.safeParse(blank).error?.issues[0]?.message, JSON.stringify(blank)).toBe('errors.passwordBlank')
    expect(newPasswordField.safeParse('  a real passphrase  ').success).toBe(true)
  })

  it('takes an email as mail servers do: ≤ 64 characters before the @, lower-cased', () => {
    expect(emailField.safeParse(' Ada@Example.TEST ').data).toBe('ada@example.test')
    expect(emailField.safeParse(`${'a'.repeat(64)}@example.test`).success).toBe(true)
    expect(emailField.safeParse(`${'a'.repeat(65)}@example.test`).success).toBe(false)
    expect(emailField.safeParse(`${'a'.repeat(300)}@example.test`).success).toBe(false)
    expect(emailField.safeParse('not an email').success).toBe(false)
  })
})

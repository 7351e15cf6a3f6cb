/**
 * What a secret looks like where it would have been printed: its first and last four characters.
 * Example: "puppet_padlocal_0123456789abcdef" → "pupp…cdef（已隐藏）"; a short one shows nothing of itself.
 */
export function maskSecret(secret: string): string {
  return secret.length >= 16 ? `${secret.slice(0, 4)}…${secret.slice(-4)}（已隐藏）` : '…（已隐藏）'
}

/** `text` with every occurrence of each secret masked. */
export function hideSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) if (secret.length >= 6 && out.includes(secret)) out = out.split(secret).join(maskSecret(secret))
  return out
}

/**
 * Keeps secrets (the puppet service token) out of everything the process prints: our own lines, the
 * errors the service sends back (`Invalid Wechaty TOKEN "…"`), and Wechaty's own log, which prints
 * the token in full at WECHATY_LOG=verbose. `secrets` is asked at each write, so a token read from
 * .env later is covered too.
 */
export function hideSecretsInOutput(secrets: () => readonly (string | undefined)[]): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const known = secrets().filter((s): s is string => s !== undefined)
      if (known.length === 0) return write(chunk, ...rest)
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined
      return write(text === undefined ? chunk : hideSecrets(text, known), ...rest)
    }) as typeof stream.write
  }
}

/**
 * Text from git, made safe to show: the given secrets replaced, and the userinfo of any HTTP(S) URL
 * (where a token may be written) and the password of any other URL removed.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.replaceAll(secret, '***');
  return out.replace(/\b(https?:\/\/)[^/@\s]*@/gi, '$1').replace(/\b([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):[^/@\s]*@/gi, '$1@');
}

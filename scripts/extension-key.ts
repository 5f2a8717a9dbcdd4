import { createHash } from 'node:crypto';

/**
 * The public half of the extension's signing key (base64 DER, as Chrome's manifest `key` takes it).
 * Chrome and Edge derive the extension id from it, so a package loaded by hand, installed by
 * enterprise policy or packed as a .crx has the same id on every machine. The private key is never
 * in the repository: see DEVELOPERS.md, "Packages and the extension id".
 */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAw6vBZPv0mzbCZQiIC8rWX5xFHL94kGHeZ17++M0CjfBdAvslAwNr+Q0Uu3iVS4iQ8nS3Q2zGvhh7zykQL7bMUzPbjWp2qxXbKD/qqf2KkfcS/RZruz8hVgRlCu+9CjdPuM0yk7JVl/wzYTR1n+5gdgcLE5LpRuYXcb7xcGyEBj+VonAgsm2gKTw/pzC378WLVzV4uBrqHd326QMP/CQdxsZN/zvHlF2jQNhtGXEhTYOkxeNniOkDTE4ysG/q/nFQszRCLPzoO7ewuorBGBx4ilPz2BFddVIFOVlgV6/0iynSWOii9VWaKwNeo8sv6R0ogICLVR0Yvq5YNFmj5PM5vwIDAQAB';

/** The id Chrome and Edge give the extension for that key (also the `chrome-extension://` host). */
export const EXTENSION_ID = 'iacfimafpigbnipllijofhhngfhlpclc';

/** Chrome's rule: the first 128 bits of SHA-256 of the DER key, each hex digit 0–f written a–p. */
export function extensionIdFromKey(base64Der: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64Der, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
}

import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXTENSION_ID, EXTENSION_PUBLIC_KEY, extensionIdFromKey } from './extension-key';

describe('the extension id', () => {
  it('is the one Chrome derives from the committed public key', () => {
    expect(extensionIdFromKey(EXTENSION_PUBLIC_KEY)).toBe(EXTENSION_ID);
    expect(EXTENSION_ID).toMatch(/^[a-p]{32}$/);
  });

  it('the committed key is a public RSA key only, never a private one', () => {
    const der = Buffer.from(EXTENSION_PUBLIC_KEY, 'base64');
    expect(der.length).toBeGreaterThan(250);
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    expect(key.type).toBe('public');
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });
});

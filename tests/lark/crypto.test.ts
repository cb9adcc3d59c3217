import { describe, expect, it } from 'vitest';
import { decryptBody, encryptBody, signBody } from '../../src/lark/crypto.js';

describe('Lark webhook cryptography', () => {
  it('decrypts the published test vector', () => {
    // From Lark's documentation: Encrypt Key "test key".
    expect(decryptBody('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe('hello world');
  });

  it('round-trips Chinese text, with a fresh IV each time', () => {
    const a = encryptBody('{"text":"兑现一件、销号一件"}', 'k');
    const b = encryptBody('{"text":"兑现一件、销号一件"}', 'k');
    expect(a).not.toBe(b);
    expect(decryptBody(a, 'k')).toBe('{"text":"兑现一件、销号一件"}');
  });

  it('refuses a ciphertext made with another key or cut short', () => {
    const c = encryptBody('{"a":1}', 'right');
    expect(() => decryptBody(c, 'wrong')).toThrow();
    expect(() => decryptBody(c.slice(0, 20), 'right')).toThrow();
  });

  it('signs timestamp + nonce + key + body as hex SHA-256', () => {
    // sha256("1700000000" + "nonce" + "key" + "{}"), computed with `sha256sum`.
    expect(signBody('1700000000', 'nonce', 'key', '{}')).toBe(
      'eeea17a251c07ba68b1862fc89789a3b57aab829e96b602697a8f3f58da564e4',
    );
    expect(signBody('1', 'n', 'k', 'a')).toMatch(/^[0-9a-f]{64}$/);
    expect(signBody('1', 'n', 'k', 'a')).not.toBe(signBody('1', 'n', 'k', 'b'));
  });
});

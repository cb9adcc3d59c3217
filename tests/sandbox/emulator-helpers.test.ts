/** The standalone helpers the bench uses without a server: envelopes, sealing, card validation. */
import { describe, expect, it } from 'vitest';
import { decryptBody, signBody } from '../../src/lark/crypto.js';
import { buildEnvelope, sealDelivery, validateCard } from '../../src/sandbox/emulator/index.js';
import { boundaryOf, parseMultipart } from '../../src/sandbox/emulator/multipart.js';
import { card2 } from './emulator-fixtures.js';

describe('buildEnvelope', () => {
  it('builds the v2.0 envelope with a string create_time', () => {
    const env = buildEnvelope(
      'im.message.receive_v1',
      { a: 1 },
      {
        appId: 'cli_x',
        token: 'vt',
        eventId: 'e1',
        createTimeMs: 1_700_000_000_123,
      },
    );
    expect(env).toEqual({
      schema: '2.0',
      header: {
        event_id: 'e1',
        event_type: 'im.message.receive_v1',
        create_time: '1700000000123',
        token: 'vt',
        app_id: 'cli_x',
        tenant_key: expect.any(String),
      },
      event: { a: 1 },
    });
  });
});

describe('sealDelivery', () => {
  const body = { schema: '2.0', header: { event_id: 'e' }, event: { text: '你好' } };

  it('encrypts and signs the exact bytes it returns', () => {
    const s = sealDelivery(body, {
      encryptKey: 'k',
      encrypt: true,
      sign: true,
      timestamp: 1700000000,
      nonce: 'n',
    });
    expect(JSON.parse(decryptBody(JSON.parse(s.body).encrypt, 'k'))).toEqual(body);
    expect(s.headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'x-lark-request-timestamp': '1700000000',
      'x-lark-request-nonce': 'n',
      'x-lark-signature': signBody('1700000000', 'n', 'k', s.body),
    });
  });

  it('sends compact plaintext without signature headers when asked', () => {
    const s = sealDelivery(body, { encrypt: false, sign: false, timestamp: 1 });
    expect(s.body).toBe(JSON.stringify(body));
    expect(Object.keys(s.headers)).toEqual(['content-type']);
  });

  it('refuses to encrypt or sign without a key', () => {
    expect(() => sealDelivery(body, { encrypt: true, sign: false, timestamp: 1 })).toThrow(/encryptKey/);
  });
});

describe('validateCard', () => {
  it('accepts the documented 2.0 elements', () => {
    const card = card2('x', {
      body: {
        elements: [
          { tag: 'markdown', content: 'x' },
          {
            tag: 'form',
            name: 'f1',
            elements: [
              { tag: 'input', name: 'note' },
              { tag: 'date_picker', name: 'day' },
              {
                tag: 'button',
                name: 'ok',
                form_action_type: 'submit',
                behaviors: [{ type: 'callback', value: {} }],
              },
            ],
          },
          {
            tag: 'column_set',
            columns: [{ tag: 'column', elements: [{ tag: 'markdown', content: '左' }] }],
          },
        ],
      },
    });
    expect(validateCard(card)).toEqual([]);
  });

  it('names every problem', () => {
    const card = {
      schema: '2.0',
      header: { template: 'pink' },
      body: {
        elements: [
          { tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'action', actions: [] }] }] },
          { tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'form', elements: [] }] }] },
        ],
      },
    };
    const problems = validateCard(card).join('\n');
    expect(problems).toMatch(/update_multi/);
    expect(problems).toMatch(/template "pink"/);
    expect(problems).toMatch(/columns\[0\]\.elements\[0\]: the "action" module/);
    expect(problems).toMatch(/form must sit directly in body.elements/);
  });

  it('leaves 1.0 cards alone unless an update requires sharing', () => {
    const v1 = { header: { template: 'blue' }, elements: [{ tag: 'action', actions: [] }] };
    expect(validateCard(v1)).toEqual([]);
    expect(validateCard(v1, { requireUpdateMulti: true })).toEqual(['config.update_multi must be true']);
  });
});

describe('parseMultipart', () => {
  it('splits fields and files', () => {
    const b = 'XyZ';
    const raw = Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file_type"\r\n\r\nstream\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\nthere\r\n` +
        `--${b}--\r\n`,
    );
    expect(boundaryOf(`multipart/form-data; boundary=${b}`)).toBe(b);
    const parts = parseMultipart(raw, b);
    expect(parts.map((p) => [p.name, p.filename, p.data.toString()])).toEqual([
      ['file_type', undefined, 'stream'],
      ['file', 'a.txt', 'hi\r\nthere'],
    ]);
  });
});

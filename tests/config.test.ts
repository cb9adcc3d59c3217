import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const valid = {
  LARK_APP_ID: 'cli_a1b2c3d4e5f60718',
  LARK_APP_SECRET: 'app-secret-do-not-print',
  LARK_VERIFICATION_TOKEN: 'verification-token-do-not-print',
};

describe('configuration from the environment', () => {
  it('fills sensible defaults', () => {
    const c = loadConfig(valid);
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      timezone: 'Asia/Shanghai',
      dataDir: './data',
      mongodbUri: undefined,
    });
    expect(c.lark.domain).toBe('https://open.feishu.cn');
    expect(c.lark.encryptKey).toBeUndefined();
    expect(Object.isFrozen(c) && Object.isFrozen(c.lark)).toBe(true);
  });

  it('accepts lark and a base URL for LARK_DOMAIN', () => {
    expect(loadConfig({ ...valid, LARK_DOMAIN: 'lark' }).lark.domain).toBe('https://open.larksuite.com');
    expect(loadConfig({ ...valid, LARK_DOMAIN: 'http://127.0.0.1:9000/' }).lark.domain).toBe(
      'http://127.0.0.1:9000',
    );
  });

  it('stops start-up with one message naming every bad variable and the fix, but no secret', () => {
    let err: unknown;
    try {
      loadConfig({
        LARK_APP_SECRET: 'app-secret-do-not-print',
        PORT: 'eighty',
        LARK_DOMAIN: 'example',
        APP_TIMEZONE: 'Mars/Olympus',
        MONGODB_URI: 'postgres://x',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as ConfigError).message;
    for (const name of [
      'LARK_APP_ID',
      'LARK_VERIFICATION_TOKEN',
      'PORT',
      'LARK_DOMAIN',
      'APP_TIMEZONE',
      'MONGODB_URI',
    ]) {
      expect(message).toContain(name);
    }
    expect((err as ConfigError).problems).toHaveLength(6);
    expect(message).toContain('Asia/Shanghai');
    expect(message).toContain('README');
    expect(message).not.toContain('app-secret-do-not-print');
  });

  it('takes POSTGRES_URL for FerretDB, and names a bad one without printing it', () => {
    const url = 'postgres://bot:pg-secret-do-not-print@db.internal:5432/yinuo';
    expect(loadConfig({ ...valid, POSTGRES_URL: url }).postgresUrl).toBe(url);
    expect(loadConfig(valid).postgresUrl).toBeUndefined();
    let err: unknown;
    try {
      loadConfig({ ...valid, POSTGRES_URL: 'mysql://root:pg-secret-do-not-print@db' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain('POSTGRES_URL must be a URL such as postgres://');
    expect((err as ConfigError).message).not.toContain('pg-secret-do-not-print');
  });

  it('takes EXPORT_TOKEN for the export endpoint, refuses a short one without printing it', () => {
    const token = 'export-token-do-not-print-0123456789';
    expect(loadConfig({ ...valid, EXPORT_TOKEN: token }).exportToken).toBe(token);
    expect(loadConfig({ ...valid, EXPORT_TOKEN: ' ' }).exportToken).toBeUndefined();
    expect(() => loadConfig({ ...valid, EXPORT_TOKEN: 'short-do-not-print' })).toThrow(
      /EXPORT_TOKEN must be at least 24 characters/,
    );
    try {
      loadConfig({ ...valid, EXPORT_TOKEN: 'short-do-not-print' });
    } catch (e) {
      expect((e as ConfigError).message).not.toContain('short-do-not-print');
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ...valid, PORT: '', LARK_ENCRYPT_KEY: '' })).toMatchObject({
      port: 3000,
      lark: { encryptKey: undefined },
    });
  });

  it('runs the sandbox on loopback when no Lark credentials are given, and only then', () => {
    const c = loadConfig({ SANDBOX_PORT: '4100' });
    expect(c.sandbox).toEqual({ port: 4100, host: '127.0.0.1' });
    expect(c.host).toBe('127.0.0.1');
    expect(loadConfig({ LARK_APP_ID: ' ', LARK_APP_SECRET: '' }).sandbox).toEqual({
      port: 3100,
      host: '127.0.0.1',
    });
    expect(loadConfig(valid).sandbox).toBeUndefined();
  });

  it('refuses a partially configured Lark app instead of falling back to the sandbox', () => {
    let err: unknown;
    try {
      loadConfig({ LARK_APP_ID: 'cli_a1b2c3d4e5f60718', SANDBOX_PORT: 'x' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as ConfigError).message;
    expect(message).toContain('LARK_APP_SECRET is required');
    expect(message).toContain('LARK_VERIFICATION_TOKEN is required');
    expect(message).toContain('SANDBOX_PORT');
  });
});

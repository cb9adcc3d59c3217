/**
 * The only module that reads the environment. `loadConfig(env)` is pure: it validates everything at once and
 * either returns a frozen, typed Config or throws ConfigError naming every bad variable and its fix.
 *
 * Two modes: with the Lark app's credentials the bot talks to Lark; with none of them it runs the sandbox
 * (an in-process Lark emulator and a browser messenger, src/sandbox/web/). Some but not all is a mistake,
 * named like any other.
 */
import { z } from 'zod';
import { isTimeZone } from './schedule/calendar.js';

const LARK_DOMAINS = {
  feishu: 'https://open.feishu.cn',
  lark: 'https://open.larksuite.com',
} as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const port = (fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `must be a port number, e.g. ${fallback}` })
      .int('must be a whole number')
      .min(0, 'must be 0–65535')
      .max(65535, 'must be 0–65535')
      .default(fallback),
  );

/** The credentials whose absence (all of them) means sandbox mode. */
const LARK_CREDENTIALS = ['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_VERIFICATION_TOKEN'] as const;

/**
 * Stand-ins for the sandbox's emulated Lark app. Not secrets: the sandbox replaces the secret ones with
 * random values at start-up (src/sandbox/web/start-sandbox.ts) and its emulator is on loopback only.
 */
const SANDBOX_LARK = {
  LARK_APP_ID: 'cli_5a4db0c5a4db0c5a',
  LARK_APP_SECRET: 'sandbox',
  LARK_VERIFICATION_TOKEN: 'sandbox',
} as const;

const schema = z.object({
  PORT: port(3000),
  HOST: z.preprocess(blankToUndefined, z.string().optional()),
  MONGODB_URI: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  POSTGRES_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a URL such as postgres://user:password@host:5432/db')
      .optional(),
  ),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
  LARK_APP_ID: z.string({ error: 'is required: the App ID from the developer console (cli_…)' }).min(1),
  LARK_APP_SECRET: z.string({ error: 'is required: the App Secret from the developer console' }).min(1),
  LARK_ENCRYPT_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  LARK_VERIFICATION_TOKEN: z
    .string({ error: 'is required: the Verification Token from Events & Callbacks → Encryption' })
    .min(1),
  SANDBOX_PORT: port(3100),
  SANDBOX_HOST: z.preprocess(blankToUndefined, z.string().default('127.0.0.1')),
  LARK_DOMAIN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('feishu')
      .refine((v) => v in LARK_DOMAINS || /^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(v), {
        message: 'must be feishu, lark, or a base URL such as http://127.0.0.1:9000',
      })
      .transform((v) => (LARK_DOMAINS as Record<string, string>)[v] ?? v.replace(/\/$/, '')),
  ),
  APP_TIMEZONE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('Asia/Shanghai')
      .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  /** Where people outside Lark reach the bot's pages (one-time survey links), e.g. https://bot.example.cn */
  PUBLIC_BASE_URL: z.preprocess(blankToUndefined, z.url().optional()),
  /** The bearer token of the admin export endpoint (/admin/exports/…); unset: the endpoint does not exist. */
  EXPORT_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().min(24, 'must be at least 24 characters (e.g. openssl rand -hex 24)').optional(),
  ),
  /** How old a signed request may be. Lark retries for ~7.1 h and may not re-sign, so keep this ≥ 8 h. */
  LARK_MAX_EVENT_AGE_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(60, 'must be at least 60 seconds')
      .default(12 * 3600),
  ),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Set when no Lark credentials were given: the bot runs against the browser sandbox. */
  readonly sandbox: { readonly port: number; readonly host: string } | undefined;
  readonly mongodbUri: string | undefined;
  /** A PostgreSQL for FerretDB instead of the bot's private cluster (README, "The database"). */
  readonly postgresUrl: string | undefined;
  readonly dataDir: string;
  readonly timezone: string;
  readonly logLevel: string;
  /** The bot's public address for pages served outside Lark; unset: links are shown as paths. */
  readonly publicBaseUrl: string | undefined;
  /** The admin export endpoint's bearer token; unset: the endpoint answers 404. A secret: never logged. */
  readonly exportToken: string | undefined;
  readonly lark: {
    readonly appId: string;
    readonly appSecret: string;
    readonly encryptKey: string | undefined;
    readonly verificationToken: string;
    readonly domain: string;
    readonly maxEventAgeSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Configuration is invalid (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSet these environment variables (see README.md, "Configuration") and start again.',
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const isSandbox = LARK_CREDENTIALS.every((k) => blankToUndefined(env[k]) === undefined);
  const parsed = schema.safeParse(isSandbox ? { ...env, ...SANDBOX_LARK } : env);
  if (!parsed.success) {
    // Name the variable and the rule, never the value: some of these are secrets.
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'} ${i.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return deepFreeze({
    port: e.PORT,
    // The sandbox is for one person on this machine: nothing of it listens beyond loopback unless asked.
    host: e.HOST ?? (isSandbox ? '127.0.0.1' : '0.0.0.0'),
    sandbox: isSandbox ? { port: e.SANDBOX_PORT, host: e.SANDBOX_HOST } : undefined,
    mongodbUri: e.MONGODB_URI,
    postgresUrl: e.POSTGRES_URL,
    dataDir: e.DATA_DIR,
    timezone: e.APP_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    exportToken: e.EXPORT_TOKEN,
    lark: {
      appId: e.LARK_APP_ID,
      appSecret: e.LARK_APP_SECRET,
      encryptKey: e.LARK_ENCRYPT_KEY,
      verificationToken: e.LARK_VERIFICATION_TOKEN,
      domain: e.LARK_DOMAIN,
      maxEventAgeSeconds: e.LARK_MAX_EVENT_AGE_SECONDS,
    },
  });
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}

/**
 * The organisation file (YAML or JSON), as zod schemas. The file's top level is checked first, then each
 * branch and person row on its own, so that every bad row is reported in one run (see parse-org-file.ts).
 * Messages are in Chinese: the person fixing the file reads them.
 */
import { validate as isCronRule } from 'node-cron';
import { z } from 'zod';
import { isTimeZone } from '../../schedule/calendar.js';
import type { HolidayYear } from '../../schedule/holidays.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const slug = z.string().regex(SLUG, '编号只能用小写字母、数字和连字符（如 zx-1），最长 40 个字符');
const openId = z.string().regex(/^ou_[A-Za-z0-9_-]+$/, 'open_id 应以 ou_ 开头（飞书用户的 open_id）');
const chatId = z.string().regex(/^oc_[A-Za-z0-9_-]+$/, 'chat_id 应以 oc_ 开头（飞书群聊的 chat_id）');
const name = z.string().trim().min(1, '不能为空');
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z.string().regex(HHMM, '时间应写成 HH:mm，如 08:30');
const timezone = z.string().refine(isTimeZone, '不是有效的时区，如 Asia/Shanghai');

const calendar = z.strictObject({
  quietHours: z
    .strictObject({ start: hhmm, end: hhmm })
    .refine(
      (q) => !HHMM.test(q.start) || !HHMM.test(q.end) || q.start < q.end,
      '免打扰时段：start 应早于 end（提醒只在 start 到 end 之间发送）',
    )
    .optional(),
  jobs: z
    .record(
      z.string().regex(/^[a-z][a-z0-9.-]*$/, '任务名只能用小写字母、数字、点和连字符，如 record.remind'),
      z.strictObject({
        cron: z
          .string()
          .refine((c) => isCronRule(c), '不是有效的 cron 规则，如 "0 9 25 * *"')
          .optional(),
        enabled: z.boolean().optional(),
      }),
    )
    .optional(),
});

export const branchRow = z.strictObject({
  id: slug,
  name,
  timezone: timezone.optional(),
  calendar: calendar.optional(),
  chats: z
    .strictObject({
      branch_group: chatId.optional(),
      office_channel: chatId.optional(),
      evaluators_group: chatId.optional(),
    })
    .optional(),
});
export type BranchRow = z.infer<typeof branchRow>;

/** `zx-1` or `[zx-1, zx-2]`, always read as a list. */
const branches = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.array(slug).min(1, '至少写一个支部编号'),
);
/** As `branches`, or `all` for every branch. */
const branchesOrAll = z.preprocess(
  (v) => (v === 'all' ? ['*'] : typeof v === 'string' ? [v] : v),
  z
    .array(z.string().regex(/^\*$|^[a-z0-9][a-z0-9-]{0,39}$/, '应为支部编号（如 zx-1）或 all'))
    .min(1, '至少写一个支部编号'),
);

export const personRow = z.strictObject({
  open_id: openId,
  name,
  duties: z.string().trim().min(1).optional(),
  unit: z.string().trim().min(1).optional(),
  roles: z
    .strictObject({
      member: branches.optional(),
      secretary: branches.optional(),
      reviewer: branchesOrAll.optional(),
      evaluator: branches.optional(),
      admin: branchesOrAll.optional(),
      leader: z
        .strictObject({ branches: z.array(slug).optional(), members: z.array(openId).optional() })
        .refine(
          (l) => (l.branches?.length ?? 0) + (l.members?.length ?? 0) > 0,
          '联系领导至少要有一个联系支部（branches）或联系党员（members）',
        )
        .optional(),
    })
    .default({}),
});
export type PersonRow = z.infer<typeof personRow>;

/** The organisation's own chats: one 公开频道 / 评议群 for every branch that names none of its own. */
export const organisationChats = z.strictObject({
  office_channel: chatId.optional(),
  evaluators_group: chatId.optional(),
  branch_group: z
    .unknown()
    .refine(() => false, '支部群只能属于一个支部：请写在该支部的 chats 下')
    .optional(),
});

export const fileTop = z.strictObject({
  organisation: z.strictObject({ id: slug, name, chats: organisationChats.optional() }),
  branches: z.array(z.unknown()).min(1, '至少要有一个支部'),
  people: z.array(z.unknown()).default([]),
  /** Checked on its own (see holidays.schema.ts), so that its problems come with the rest. */
  holidays: z.unknown().optional(),
});

export interface OrgFile {
  organisation: {
    id: string;
    name: string;
    chats?: { office_channel?: string | undefined; evaluators_group?: string | undefined } | undefined;
  };
  branches: BranchRow[];
  people: PersonRow[];
  /** Official holidays and make-up working days an admin supplies, per year. */
  holidays: HolidayYear[];
}

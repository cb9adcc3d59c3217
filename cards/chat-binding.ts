/**
 * 绑定群聊: the card the bot posts when it is added to a group, asking what the group is for (支部群, 公开频道,
 * 评议群) and for which branches (several, or 「全部支部」, for an office channel or evaluators' group); and
 * the confirmation that replaces it once an admin or the branch's secretary has bound it. A bound branch
 * group gets the button that syncs its members.
 */
import { button, card, escapeMarkdown, markdown, type CardJson, type Element, type Text } from './kit.js';

export const BIND_CHAT_ACTION = 'org.bind_chat';
export const SYNC_MEMBERS_ACTION = 'org.sync_members';

type Kind = 'branch_group' | 'office_channel' | 'evaluators_group';

const KINDS: ReadonlyArray<{ kind: Kind; text: Text; purpose: Text }> = [
  {
    kind: 'branch_group',
    text: { zh: '支部群', en: 'Branch group' },
    purpose: {
      zh: '党员在这里填承诺、记实，回复提醒卡片',
      en: 'Members answer pledges, records and reminders here',
    },
  },
  {
    kind: 'office_channel',
    text: { zh: '公开频道', en: 'Office channel' },
    purpose: {
      zh: '评星、记实、通报等公开内容发在这里',
      en: 'Ratings, records and briefings are disclosed here',
    },
  },
  {
    kind: 'evaluators_group',
    text: { zh: '评议群', en: "Evaluators' group" },
    purpose: { zh: '群众评议问卷发在这里', en: 'Satisfaction surveys are sent here' },
  },
];

/** One choice in the branch picker: a branch, or an organisation's 「全部支部」. */
export interface ScopeOption {
  value: string;
  name: string;
}

export interface ChatBindingView {
  /** What to choose from: each organisation's 「全部支部」 and its active branches. */
  options: readonly ScopeOption[];
  /** How the chat is bound now, when the card is asked for again. */
  current?: { scopeName: string; kind: Kind } | undefined;
}

export function chatBindingCard(v: ChatBindingView): CardJson {
  const title = { zh: '请设置本群的用途', en: 'What is this group for?' };
  if (v.options.length === 0) {
    return card({
      title,
      template: 'orange',
      elements: [
        markdown({
          zh: '还没有任何支部。请管理员先导入组织架构文件（`npm run org:import`），再在本群 **@我** 发送「绑定」。',
          en: 'No branches yet. An admin should import the organisation file first, then @mention me with "bind".',
        }),
      ],
    });
  }
  const intro = KINDS.map((k) => `- **${k.text.zh}**：${k.purpose.zh}`).join('\n');
  const now = v.current
    ? `本群目前是 **${escapeMarkdown(v.current.scopeName)}** 的 **${KINDS.find((k) => k.kind === v.current!.kind)!.text.zh}**，可以重新选择。\n`
    : '';
  return card({
    title,
    template: 'blue',
    elements: [
      markdown({
        zh: `${now}我可以在这个群里为支部服务。请选择本群是：\n${intro}`,
        en: 'Choose what this group is for and for which branch.',
      }),
      markdown({
        zh: '公开频道和评议群可以服务多个支部或「全部支部」（由管理员绑定）；支部群只属于一个支部。只有管理员或该支部书记可以绑定。',
        en: "An office channel or evaluators' group may serve several branches or all of them (an admin binds those); a branch group serves one branch. Only an admin or the branch secretary can bind.",
      }),
      {
        tag: 'form',
        name: 'bind_chat',
        elements: [
          select(
            'branch',
            { zh: '选择支部（可多选）', en: 'Branches' },
            v.options.map((o) => ({ value: o.value, text: { zh: o.name } })),
            'multi_select_static',
          ),
          select(
            'kind',
            { zh: '选择用途', en: 'Purpose' },
            KINDS.map((k) => ({ value: k.kind, text: k.text })),
          ),
          {
            ...button({
              text: { zh: '绑定', en: 'Bind' },
              type: 'primary',
              name: 'bind',
              value: { action: BIND_CHAT_ACTION },
            }),
            form_action_type: 'submit',
          },
        ],
      },
    ],
  });
}

export interface ChatBoundView {
  /** The branches it serves, or 全部支部（organisation）. */
  scopeName: string;
  kind: Kind;
  boundByName: string;
  /** Counts the syncs shown on this card, so the next button press is a new action, not a repeated click. */
  syncRound: number;
}

export function chatBoundCard(v: ChatBoundView): CardJson {
  const k = KINDS.find((x) => x.kind === v.kind)!;
  const elements: Element[] = [
    markdown({
      zh: `本群已绑定为 **${escapeMarkdown(v.scopeName)}** 的 **${k.text.zh}**（${escapeMarkdown(v.boundByName)} 绑定）。\n${k.purpose.zh}。`,
      en: `This group is now the ${(k.text.en ?? k.kind).toLowerCase()} of ${v.scopeName}.`,
    }),
  ];
  if (v.kind === 'branch_group') elements.push(...syncButton(v.syncRound));
  return card({ title: { zh: '群聊已绑定', en: 'Group bound' }, template: 'green', elements });
}

/** The sync invitation: members not yet known are added from the group's member list. */
export function syncButton(round: number): Element[] {
  return [
    markdown({
      zh: '支部书记可以从本群成员名单同步党员：新成员按飞书姓名登记为党员，不会自动移除任何人。',
      en: 'The secretary can sync members from this group: new people are added as members; nobody is removed.',
    }),
    button({
      text: { zh: '同步群成员', en: 'Sync members' },
      type: 'primary',
      name: 'sync',
      value: { action: SYNC_MEMBERS_ACTION, round },
    }),
  ];
}

function select(
  name: string,
  placeholder: Text,
  options: ReadonlyArray<{ value: string; text: Text }>,
  tag: 'select_static' | 'multi_select_static' = 'select_static',
): Element {
  return {
    tag,
    name,
    required: true,
    width: 'fill',
    placeholder: plainText(placeholder),
    options: options.map((o) => ({ text: plainText(o.text), value: o.value })),
  };
}

function plainText(t: Text): Record<string, unknown> {
  return {
    tag: 'plain_text',
    content: t.zh,
    ...(t.en ? { i18n_content: { zh_cn: t.zh, en_us: t.en } } : {}),
  };
}

/** 我的身份: who the bot takes you for — name, duties and roles in each branch — or how to get registered. */
import { card, escapeMarkdown, markdown, type CardJson } from './kit.js';

export interface WhoAmIView {
  /** Undefined when the bot does not know this person. */
  person?: { name: string; duties?: string | undefined; unit?: string | undefined; active: boolean };
  roles: ReadonlyArray<{ role: string; scope: string; note?: string | undefined }>;
}

export function whoAmICard(v: WhoAmIView): CardJson {
  const title = { zh: '我的身份', en: 'Who am I' };
  if (!v.person) {
    return card({
      title,
      template: 'grey',
      elements: [
        markdown({
          zh: '你还没有登记在组织架构中。请联系管理员导入组织架构文件，或请支部书记在支部群里 **@我** 发送「同步成员」。',
          en: 'You are not registered yet. Ask an admin to import the organisation file, or the secretary to sync the branch group.',
        }),
      ],
    });
  }
  const p = v.person;
  const about = [p.duties, p.unit]
    .filter((s): s is string => Boolean(s))
    .map(escapeMarkdown)
    .join(' · ');
  const elements = [markdown({ zh: `**${escapeMarkdown(p.name)}**${about ? `（${about}）` : ''}` })];
  if (!p.active) {
    elements.push(
      markdown({ zh: '你的登记已停用，如有疑问请联系管理员。', en: 'Your registration is deactivated.' }),
    );
  } else if (v.roles.length === 0) {
    elements.push(markdown({ zh: '目前没有任何角色。', en: 'You hold no role yet.' }));
  } else {
    const lines = v.roles.map(
      (r) => `- **${r.role}** · ${escapeMarkdown(r.scope)}${r.note ? `（${escapeMarkdown(r.note)}）` : ''}`,
    );
    elements.push(markdown({ zh: lines.join('\n') }));
  }
  return card({ title, template: p.active ? 'red' : 'grey', elements });
}

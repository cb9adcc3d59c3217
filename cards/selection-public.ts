/**
 * 组织评选 cards posted to the branch group: nominations open (推荐), the vote (投票), the notice of the
 * result (公示, with 提出异议), and the 1 July commendation (also in the office channel).
 */
import { button, card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

interface Option {
  value: string;
  label: string;
}
const options = (list: readonly Option[]) =>
  list.map((o) => ({ text: { tag: 'plain_text', content: o.label }, value: o.value }));

const submit = (
  label: string,
  name: string,
  value: Record<string, unknown> & { action: string },
  primary = true,
) => ({
  ...button({ text: { zh: label }, value, type: primary ? 'primary' : 'default' }),
  name,
  form_action_type: 'submit',
});

export function nominationCard(v: {
  selectionId: string;
  branchName: string;
  year: number;
  honours: readonly Option[];
  members: readonly Option[];
}): CardJson {
  const fields: Element[] = [];
  if (v.honours.length > 1)
    fields.push({
      tag: 'select_static',
      name: 'honour',
      required: true,
      placeholder: { tag: 'plain_text', content: '荣誉' },
      options: options(v.honours),
    });
  fields.push(
    {
      tag: 'select_static',
      name: 'nominee',
      required: true,
      placeholder: { tag: 'plain_text', content: '推荐谁' },
      options: options(v.members),
    },
    {
      tag: 'input',
      name: 'reason',
      required: true,
      max_length: 300,
      placeholder: { tag: 'plain_text', content: '推荐理由（主要事迹）' },
    },
    submit('推荐', 'nominate', { action: 'selection.nominate', selection: v.selectionId }),
  );
  return card({
    title: { zh: `七一评选 · ${v.branchName}`, en: 'Selection: nominations' },
    subtitle: { zh: `${v.year}年\u3000推荐阶段` },
    template: 'red',
    elements: [
      markdown({
        zh: `评选：${v.honours.map((h) => `**${escapeMarkdown(h.label)}**`).join('、')}\n党员和书记均可推荐，请写明理由。书记确认候选人后开始投票。`,
      }),
      { tag: 'form', name: 'nominate_form', elements: fields },
    ],
  });
}

export function voteCard(v: {
  selectionId: string;
  branchName: string;
  year: number;
  honours: ReadonlyArray<{ id: string; name: string; places: number; candidates: readonly Option[] }>;
}): CardJson {
  return card({
    title: { zh: `七一评选投票 · ${v.branchName}`, en: 'Selection: vote' },
    subtitle: { zh: `${v.year}年\u3000每人每项一票` },
    template: 'red',
    elements: [
      markdown({ zh: '请本支部党员投票，每项荣誉每人一票，投出后不能更改。' }),
      ...v.honours.map((h) => ({
        tag: 'form',
        name: `vote_${h.id}`,
        elements: [
          markdown({ zh: `**${escapeMarkdown(h.name)}**（${h.places} 名）` }),
          {
            tag: 'select_static',
            name: 'candidate',
            required: true,
            placeholder: { tag: 'plain_text', content: '选择候选人' },
            options: options(h.candidates),
          },
          submit('投票', `vote_${h.id}`, {
            action: 'selection.vote',
            selection: v.selectionId,
            honour: h.id,
          }),
        ],
      })),
    ],
  });
}

export function selectionNoticeCard(v: {
  selectionId: string;
  branchName: string;
  year: number;
  winners: ReadonlyArray<{ honour: string; name: string; votes: number }>;
  until: string;
}): CardJson {
  return card({
    title: { zh: `评选结果公示 · ${v.branchName}`, en: 'Selection result: notice' },
    subtitle: { zh: `${v.year}年\u3000公示至 ${v.until}` },
    template: 'orange',
    elements: [
      markdown({
        zh: v.winners
          .map((w) => `**${escapeMarkdown(w.name)}**\u3000${escapeMarkdown(w.honour)}（${w.votes} 票）`)
          .join('\n'),
      }),
      markdown({ zh: '公示期内如有不同意见，请在下方提出，书记会逐条答复。' }),
      {
        tag: 'form',
        name: 'objection_form',
        elements: [
          {
            tag: 'input',
            name: 'objection',
            required: true,
            max_length: 500,
            placeholder: { tag: 'plain_text', content: '意见和理由' },
          },
          submit('提出异议', 'object', { action: 'selection.object', selection: v.selectionId }, false),
        ],
      },
    ],
  });
}

export function commendationCard(v: {
  branchName: string;
  year: number;
  winners: ReadonlyArray<{ honour: string; name: string }>;
}): CardJson {
  return card({
    title: { zh: `七一表彰 · ${v.branchName}`, en: 'Commendation' },
    subtitle: { zh: `${v.year}年` },
    template: 'red',
    elements: [
      markdown({
        zh: `经党员推荐、投票和公示，以下同志获得表彰：\n\n${v.winners.map((w) => `🏅 **${escapeMarkdown(w.name)}**\u3000${escapeMarkdown(w.honour)}`).join('\n')}`,
      }),
      markdown({ zh: '向受表彰的同志学习！' }),
    ],
  });
}

/**
 * 评选 status card: where the selection stands; for the secretary also the next step — confirm the
 * candidates, confirm the result (picking among equal votes), answer objections, commend.
 */
import { button, card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

export interface SelectionStatusView {
  selectionId: string;
  branchName: string;
  year: number;
  stage: 'nominating' | 'voting' | 'notice' | 'commended';
  manage: boolean;
  notice?: string;
  /** Nominating: nominees per honour with counts and the first reason. */
  nominees?: ReadonlyArray<{ honour: string; name: string; count: number; reason: string }>;
  /** Voting: counts per honour, and ties the secretary must break. */
  counts?: ReadonlyArray<{
    honourId: string;
    honour: string;
    rows: ReadonlyArray<{ name: string; votes: number }>;
    tied: ReadonlyArray<{ openId: string; name: string }>;
    openPlaces: number;
  }>;
  winners?: ReadonlyArray<{ honour: string; name: string; votes: number }>;
  objections?: ReadonlyArray<{ id: string; text: string; answer?: string }>;
  noticeUntil?: string;
  canCommend?: boolean;
}

/** Long texts are shown in full on the objection card; the status card keeps to a line or two each. */
const clip = (t: string) => (t.length > 120 ? `${t.slice(0, 120)}…` : t);

const STAGE = { nominating: '推荐中', voting: '投票中', notice: '公示中', commended: '已表彰' } as const;

export function selectionStatusCard(v: SelectionStatusView): CardJson {
  const els: Element[] = v.notice ? [markdown({ zh: v.notice })] : [];
  const act = (label: string, action: string, type: 'primary' | 'default' = 'primary') =>
    button({ text: { zh: label }, type, value: { action, selection: v.selectionId } });
  if (v.stage === 'nominating') {
    els.push(
      markdown({
        zh: v.nominees?.length
          ? v.nominees
              .map(
                (n) =>
                  `**${escapeMarkdown(n.name)}**\u3000${escapeMarkdown(n.honour)}\u3000${n.count} 人推荐\n${escapeMarkdown(n.reason.slice(0, 60))}`,
              )
              .join('\n')
          : '还没有人被推荐。',
      }),
    );
    if (v.manage && v.nominees?.length) els.push(act('确认候选人', 'selection.candidates'));
  }
  if (v.stage === 'voting') {
    for (const c of v.counts ?? []) {
      els.push(
        markdown({
          zh: `**${escapeMarkdown(c.honour)}**\n${c.rows.map((r) => `${escapeMarkdown(r.name)}\u3000${r.votes} 票`).join('\n')}`,
        }),
      );
    }
    const ties = (v.counts ?? []).filter((c) => c.openPlaces > 0);
    if (v.manage) {
      const fields: Element[] = ties.map((c) => ({
        tag: 'select_static',
        name: `tie_${c.honourId}`,
        placeholder: { tag: 'plain_text', content: `${c.honour}：票数相同，请选择当选人` },
        options: c.tied.map((t) => ({ text: { tag: 'plain_text', content: t.name }, value: t.openId })),
      }));
      if (ties.length) els.push(markdown({ zh: '**票数相同**：请书记从并列者中确定当选人。' }));
      els.push({
        tag: 'form',
        name: 'result_form',
        elements: [
          ...fields,
          {
            ...button({
              text: { zh: '确认结果' },
              type: 'primary',
              value: { action: 'selection.result', selection: v.selectionId },
            }),
            name: 'confirm',
            form_action_type: 'submit',
          },
        ],
      });
    }
  }
  if (v.stage === 'notice' || v.stage === 'commended') {
    els.push(
      markdown({
        zh: (v.winners ?? [])
          .map((w) => `**${escapeMarkdown(w.name)}**\u3000${escapeMarkdown(w.honour)}（${w.votes} 票）`)
          .join('\n'),
      }),
    );
    if (v.noticeUntil && v.stage === 'notice') els.push(markdown({ zh: `公示至 ${v.noticeUntil}` }));
    for (const o of v.objections ?? [])
      els.push(
        markdown({
          zh: `异议：${escapeMarkdown(clip(o.text))}\n${o.answer ? `答复：${escapeMarkdown(clip(o.answer))}` : '**尚未答复**'}`,
        }),
      );
    if (v.manage && v.canCommend) els.push(act('发布表彰', 'selection.commend'));
  }
  return card({
    title: { zh: `七一评选 · ${v.branchName}`, en: 'Selection' },
    subtitle: { zh: `${v.year}年\u3000${STAGE[v.stage]}` },
    template: 'red',
    elements: els,
  });
}

/** To the secretary: an objection to answer. */
export function objectionCard(v: {
  selectionId: string;
  objectionId: string;
  byName: string;
  text: string;
  answer?: string;
}): CardJson {
  return card({
    title: { zh: '评选公示异议', en: 'Objection to the result' },
    template: 'orange',
    elements: [
      markdown({ zh: `**${escapeMarkdown(v.byName)}** 提出：${escapeMarkdown(v.text)}` }),
      v.answer
        ? markdown({ zh: `已答复：${escapeMarkdown(v.answer)}` })
        : {
            tag: 'form',
            name: 'answer_form',
            elements: [
              {
                tag: 'input',
                name: 'answer',
                required: true,
                max_length: 500,
                placeholder: { tag: 'plain_text', content: '答复内容' },
              },
              {
                ...button({
                  text: { zh: '答复' },
                  type: 'primary',
                  value: { action: 'selection.answer', selection: v.selectionId, objection: v.objectionId },
                }),
                name: 'answer_btn',
                form_action_type: 'submit',
              },
            ],
          },
    ],
  });
}

/** To the person who objected: the secretary's answer. */
export function objectionAnswerCard(v: { text: string; answer: string }): CardJson {
  return card({
    title: { zh: '书记已答复你的异议', en: 'Your objection was answered' },
    template: 'green',
    elements: [markdown({ zh: `你的意见：${escapeMarkdown(v.text)}\n\n答复：${escapeMarkdown(v.answer)}` })],
  });
}

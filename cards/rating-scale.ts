/**
 * 评定等次: the branch's rating scale as the secretary sees it after `评定等次` (and after changing it), with
 * how to change it. The words are the ones the rating sheet, the disclosure and the digest use.
 */
import { card, escapeMarkdown, markdown, type CardJson } from './kit.js';

export interface RatingScaleView {
  branchName: string;
  /** Best first. */
  grades: readonly string[];
  /** The branch's own words, or the default. */
  own: boolean;
  /** Just changed: from these. */
  changedFrom?: readonly string[] | undefined;
}

const list = (grades: readonly string[]) => grades.map(escapeMarkdown).join(' / ');

export function ratingScaleCard(v: RatingScaleView): CardJson {
  const now = `本支部评定等次（从好到差）：**${list(v.grades)}**${v.own ? '' : '（默认）'}`;
  const changed = v.changedFrom ? `\n已由 ${list(v.changedFrom)} 改为上述等次。已评定的月份保留原等次。` : '';
  return card({
    title: { zh: v.changedFrom ? '评定等次已更新' : '评定等次', en: 'Rating scale' },
    subtitle: { zh: v.branchName },
    template: v.changedFrom ? 'green' : 'blue',
    elements: [
      markdown({
        zh: `${now}${changed}\n评定表、公示和摘要都用这些等次。`,
        en: 'The rating sheet, the disclosure and the digest use these grades.',
      }),
      markdown({
        zh: '修改：发送「评定等次 好 较好 一般 差」（2 至 6 个，从好到差）；恢复默认：「评定等次 默认」。',
        en: 'Change: "评定等次 好 较好 一般 差"; back to the default: "评定等次 默认".',
      }),
    ],
  });
}

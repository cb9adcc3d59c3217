/** The organisation's public board as HTML: each branch's headline figures and a link to its page. */
import { bar, empty, escapeHtml as e, halfYearName, page, percent, tag } from './html.js';
import type { BranchHeadline, OrgBoard } from './org-data.js';

function branchBlock(b: BranchHeadline, url: string): string {
  const p = b.progress;
  const month = b.latestMonth
    ? `${e(b.latestMonth.label)}评定：${
        b.latestMonth.grades
          .filter((g) => g.count)
          .map((g) => `${e(g.grade)} ${g.count} 人`)
          .join('、') || '无'
      }`
    : '尚无公示的月度评定';
  const approval = b.approval
    ? `${e(halfYearName(b.approval.period))}群众满意率 ${percent(b.approval.rate)}${b.approval.belowQuorum ? '（未达规定人数）' : ''}`
    : '尚无群众评议结果';
  return (
    `<section><h2><a href="${e(url)}">${e(b.name)}</a></h2>` +
    `<p>${b.book ? tag('承诺书已亮诺', 'ok') : tag('承诺书未亮诺')}${tag(`承诺卡已亮诺 ${b.cards} 张`)}</p>` +
    `<p>承诺 ${p.total} 项：已兑现 ${p.fulfilled}，进行中 ${p.open}，` +
    `${p.overdue ? tag(`逾期 ${p.overdue}`, 'late') : '逾期 0'}</p>${bar(p.fulfilled, p.total)}` +
    `<ul><li>${month}</li><li>已公开点评 ${b.comments} 条</li><li>${approval}</li>` +
    (b.honours.length ? `<li>表彰：${e(b.honours.join('、'))}</li>` : '') +
    `</ul><p><a href="${e(url)}">查看${e(b.name)}公开栏 →</a></p></section>`
  );
}

export function orgPage(o: OrgBoard, branchUrl: (id: string) => string): string {
  return page({
    title: `公开栏 · ${o.org.name}`,
    heading: `公开栏 · ${e(o.org.name)}`,
    sub: `${o.year}年 一诺三评三公开 · ${o.branches.length} 个支部`,
    body: o.branches.length
      ? o.branches.map((b) => branchBlock(b, branchUrl(b.id))).join('')
      : `<section>${empty('还没有支部。')}</section>`,
    footer: '本页只显示已经公开的内容，草稿和审核中的内容不会出现。',
  });
}

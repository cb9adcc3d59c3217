/** The branch's public board as HTML: a pure function of the board's data (board-data.ts). */
import type { PublishedComment } from '../comments/index.js';
import type { LedgerProgress } from '../ports.js';
import type { DisclosedMonth } from '../ratings/index.js';
import type { SurveyResultSummary } from '../surveys/index.js';
import type { BoardLine, BoardPledge, BranchBoard } from './board-data.js';
import { bar, empty, escapeHtml as e, halfYearName, page, percent, section, tag } from './html.js';

const STATUS = {
  fulfilled: ['已兑现', 'ok'],
  open: ['进行中', 'open'],
  overdue: ['已逾期', 'late'],
} as const;

function progressLine(p: LedgerProgress): string {
  return (
    `<p>共 ${p.total} 项：${tag(`已兑现 ${p.fulfilled}`, 'ok')}${tag(`进行中 ${p.open}`, 'open')}` +
    `${tag(`已逾期 ${p.overdue}`, p.overdue ? 'late' : '')}</p>${bar(p.fulfilled, p.total)}`
  );
}

function lineItem(l: BoardLine): string {
  const [label, kind] = STATUS[l.status];
  const done = l.doneText
    ? `<p class="done">${l.fulfilledOn ? `${e(l.fulfilledOn)} ` : ''}挂牌销号：${e(l.doneText)}${l.confirmed ? ' ' + tag('书记已确认', 'ok') : ''}</p>`
    : '';
  return (
    `<li>${tag(label, kind)}${tag(l.theme)} ${e(l.text)}` +
    `<br><span class="note">目标：${e(l.result)}${l.due ? `\u3000时限：${e(l.due)}` : ''}</span>${done}</li>`
  );
}

function pledgeBlock(p: BoardPledge): string {
  const what = p.kind === 'branch' ? '承诺书' : '承诺卡';
  return (
    `<div class="card"><h3>${e(p.ownerName)} · ${what}</h3>` +
    `<p class="note">${e(p.publishedOn)} 亮诺${p.revision > 1 ? `（第 ${p.revision} 版）` : ''}` +
    `\u3000已兑现 ${p.progress.fulfilled}/${p.progress.total}${p.progress.overdue ? `，逾期 ${p.progress.overdue}` : ''}</p>` +
    `<ol>${p.lines.map(lineItem).join('')}</ol></div>`
  );
}

function monthBlock(m: DisclosedMonth): string {
  const rows = m.rows
    .map(
      (r) =>
        `<li><b>${e(r.name)}</b> ${r.grade ? tag(r.grade, r.grade === '优秀' ? 'ok' : '') : tag('未评定')}` +
        (r.record
          ? `<br>${e(r.record)}${r.late ? ' ' + tag('补录') : ''}`
          : '<br><span class="empty">未记实</span>') +
        `</li>`,
    )
    .join('');
  return (
    `<div class="card"><h3>${e(m.label)} ${m.final ? tag('已确定', 'ok') : tag('公示中', 'open')}</h3>` +
    `<ul>${rows}</ul></div>`
  );
}

function commentBlock(c: PublishedComment): string {
  const aspects = c.aspects
    .map((a) => `<li><b>${e(a.name)}</b> ${e(a.grade ?? '—')}${a.text ? `：${e(a.text)}` : ''}</li>`)
    .join('');
  const stress = c.stress.map((s) => `<li><b>${e(s.name)}</b>：${e(s.text)}</li>`).join('');
  const items = c.items
    .map((i) => {
      const kind = i.label === '已办结' ? 'ok' : i.label === '已逾期' ? 'late' : 'open';
      return `<li>${tag(i.label, kind)}${e(i.text)} <span class="note">（${e(i.due)} 前）</span></li>`;
    })
    .join('');
  return (
    `<div class="card"><h3>${e(c.heading)} · ${e(c.targetName)}</h3>` +
    `<p class="note">点评人：${e(c.commenterName)}\u3000${e(c.date)}</p><ul>${aspects}${stress}</ul>` +
    (items ? `<p><b>整改事项</b></p><ul>${items}</ul>` : '') +
    `</div>`
  );
}

function surveyBlock(s: SurveyResultSummary): string {
  const rows = s.results
    .map(
      (r) =>
        `<li><b>${e(r.name)}</b>${r.kind === 'branch' ? '（支部）' : ''} 满意率 ${percent(r.approvalRate)}` +
        `<br><span class="note">满意 ${r.satisfied} · 基本满意 ${r.basic} · 不满意 ${r.unsatisfied}</span></li>`,
    )
    .join('');
  return (
    `<div class="card"><h3>${e(halfYearName(s.period))}群众评议</h3>` +
    `<p class="note">参与评议 ${s.respondents} 人${s.belowQuorum ? '（未达到规定人数，结果仅供参考）' : ''}；` +
    `满意率为“满意”与“基本满意”之和。评议匿名进行，不记录谁选了什么。</p><ul>${rows}</ul></div>`
  );
}

export function branchPage(b: BranchBoard, o: { orgUrl: string; yearUrl: (y: number) => string }): string {
  const nav = [
    ['pledges', '承诺践诺'],
    ['months', '月度记实与评定'],
    ['comments', '领导点评'],
    ['surveys', '群众评议'],
    ['honours', '表彰'],
    ['archive', '公开记录'],
  ]
    .map(([id, name]) => `<a href="#${id}">${name}</a>`)
    .join('');
  const years = [b.year - 1, ...(b.year < b.thisYear ? [b.year + 1] : [])]
    .map((y) => `<a href="${e(o.yearUrl(y))}">${y}年</a>`)
    .join('\u3000');
  const body =
    `<nav>${nav}</nav>` +
    section(
      'pledges',
      '一诺 · 承诺践诺',
      b.pledges.length
        ? progressLine(b.totals) + b.pledges.map(pledgeBlock).join('')
        : empty('本年度还没有亮诺的承诺。'),
    ) +
    section(
      'months',
      '三公开 · 月度记实与评定',
      b.months.length ? b.months.map(monthBlock).join('') : empty('本年度还没有公示的月度评定。'),
    ) +
    section(
      'comments',
      '三评 · 领导点评',
      b.comments.length ? b.comments.map(commentBlock).join('') : empty('本年度还没有公开的点评。'),
    ) +
    section(
      'surveys',
      '三评 · 群众评议',
      b.surveys.length ? b.surveys.map(surveyBlock).join('') : empty('本年度还没有结束的群众评议。'),
    ) +
    section(
      'honours',
      '三评 · 组织评选表彰',
      b.honours.length
        ? `<ul>${b.honours.map((h) => `<li><b>${e(h.name)}</b> 荣获「${e(h.honour)}」 <span class="note">${e(h.commendedOn)}</span></li>`).join('')}</ul>`
        : empty('本年度还没有表彰。'),
    ) +
    section(
      'archive',
      '公开记录',
      b.timeline.length
        ? `<ul>${b.timeline.map((t) => `<li><span class="note">${e(t.on)}</span> ${e(t.title)}</li>`).join('')}</ul>`
        : empty('本年度还没有公开记录。'),
    );
  return page({
    title: `公开栏 · ${b.branch.name}`,
    heading: `公开栏 · ${e(b.branch.name)}`,
    sub:
      `${b.year}年 一诺三评三公开\u3000<a href="${e(o.orgUrl)}">全部支部</a>\u3000${years}` +
      (b.branch.active ? '' : '\u3000（该支部已撤销）'),
    body,
    footer: `本页只显示已经公开的内容，草稿和审核中的内容不会出现。更新于 ${e(b.today)}。`,
  });
}

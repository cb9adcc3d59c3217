/**
 * The one-time survey page (`/survey/<token>`): plain server-rendered HTML with a form POST, readable on a
 * phone and usable without JavaScript. The token in the path is the capability, so no cookie or session
 * exists to forge (CSRF has nothing to ride on); a used or expired link says so.
 */
import type { FastifyInstance } from 'fastify';
import type { HandlerContext } from '../../bot/module.js';
import { ANONYMITY_NOTE, CHOICE_OPTIONS } from '../../../cards/survey-form.js';
import { answersFromForm } from './answer-survey.js';
import { periodLabel } from './open-survey.js';
import type { Survey } from './survey.entity.js';
import { answerByLink, readLink } from './survey-links.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font:17px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:16px;
max-width:640px;margin:auto;color:#1f2329}h1{font-size:22px}fieldset{border:1px solid #dee0e3;border-radius:8px;
margin:12px 0;padding:8px 12px}legend{font-weight:600}label{display:inline-block;margin:6px 14px 6px 0;
padding:4px 0}input[type=radio]{width:20px;height:20px;vertical-align:middle}textarea{width:100%;box-sizing:border-box;
font-size:16px}button{font-size:18px;padding:12px;width:100%;background:#3370ff;color:#fff;border:0;
border-radius:8px}.note{color:#646a73;font-size:14px}.err{color:#d83931;font-weight:600}`;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
  `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>` +
  `<style>${STYLE}</style></head><body>${body}</body></html>`;

const MESSAGES = {
  used: ['此链接已使用', '每个链接只能提交一次评议。感谢您的参与。'],
  expired: ['此链接已失效', '本期评议已结束或链接已过期。如需参加，请联系支部书记。'],
  unknown: ['链接无效', '请检查链接是否完整，或联系支部书记。'],
} as const;

function formPage(
  s: Survey,
  forName: string,
  token: string,
  error?: string,
  chosen: Record<string, string> = {},
) {
  const fields = s.targets
    .map((t, i) => {
      const radios = CHOICE_OPTIONS.map(
        (o) =>
          `<label><input type="radio" name="t${i}" value="${o.value}"${chosen[`t${i}`] === o.value ? ' checked' : ''}> ${o.label}</label>`,
      ).join('');
      return `<fieldset><legend>${esc(t.name)}${t.kind === 'branch' ? '（支部）' : ''}</legend>${radios}</fieldset>`;
    })
    .join('');
  return page(
    '群众评议',
    `<h1>群众评议 · ${esc(s.branchName)}</h1><p>${esc(periodLabel(s.period))}\u3000${esc(forName)}，您好。</p>` +
      `<details><summary>工作报告</summary><p>${esc(s.report)}</p></details>` +
      `<p class="note">${esc(ANONYMITY_NOTE)}</p>` +
      (error ? `<p class="err" role="alert">${esc(error)}</p>` : '') +
      `<form method="post" action="/survey/${esc(token)}">${fields}` +
      `<p><textarea name="remark" rows="3" maxlength="300" placeholder="意见建议（可不填）"></textarea></p>` +
      `<button type="submit">提交评议</button></form>`,
  );
}

export function surveyPages(app: FastifyInstance, ctx: HandlerContext): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const html = (reply: { type(t: string): unknown }) => reply.type('text/html; charset=utf-8');
  const message = (state: keyof typeof MESSAGES) =>
    page(MESSAGES[state][0], `<h1>${MESSAGES[state][0]}</h1><p>${MESSAGES[state][1]}</p>`);

  app.get<{ Params: { token: string } }>('/survey/:token', async (req, reply) => {
    const link = await readLink(ctx.conn, req.params.token, ctx.clock.now());
    html(reply);
    if (link.state !== 'ok')
      return reply.code(link.state === 'unknown' ? 404 : 410).send(message(link.state));
    return reply.send(formPage(link.survey, link.forName, req.params.token));
  });

  app.post<{ Params: { token: string }; Body: Record<string, string> }>(
    '/survey/:token',
    async (req, reply) => {
      const now = ctx.clock.now();
      const link = await readLink(ctx.conn, req.params.token, now);
      html(reply);
      if (link.state !== 'ok')
        return reply.code(link.state === 'unknown' ? 404 : 410).send(message(link.state));
      const form = typeof req.body === 'object' && req.body ? req.body : {};
      const answers = answersFromForm(link.survey, form);
      if (answers.length < link.survey.targets.length) {
        const error = `还有 ${link.survey.targets.length - answers.length} 项没有选择，请对每一项作出评价。`;
        return reply.code(400).send(formPage(link.survey, link.forName, req.params.token, error, form));
      }
      const remark = typeof form['remark'] === 'string' ? form['remark'].slice(0, 300).trim() : '';
      const state = await answerByLink(ctx.conn, req.params.token, answers, remark || undefined, now);
      if (state !== 'ok') return reply.code(410).send(message(state));
      // Logged without the answers: the ballot is anonymous.
      ctx.log.info({ survey: link.survey._id }, 'survey answered by one-time link');
      return reply.send(
        page('已提交', `<h1>已提交，谢谢！</h1><p>您的评议已记录。${esc(ANONYMITY_NOTE)}</p>`),
      );
    },
  );
}

/**
 * The messenger page, rendered on the server: the 「我是」 switch, the chat list, the conversation, the message
 * box and the clock bar. static/app.js fills in the conversation and keeps it current.
 */
import type { DemoPerson } from '../demo/demo-org.js';
import { escapeHtml } from './markdown-html.js';

export interface ChatEntry {
  id: string;
  name: string;
  /** 私聊, 支部群, 公开频道 or 评议群. */
  kind: string;
  group: boolean;
}

export function chatListHtml(chats: readonly ChatEntry[]): string {
  return chats
    .map(
      (c) =>
        `<li><button type="button" class="chat" data-chat="${escapeHtml(c.id)}" data-group="${c.group}">` +
        `<span class="chat-avatar">${escapeHtml([...c.name][0] ?? '?')}</span>` +
        `<span class="chat-name">${escapeHtml(c.name)}</span><span class="chat-kind">${escapeHtml(c.kind)}</span></button></li>`,
    )
    .join('');
}

export function pageHtml(v: {
  people: readonly DemoPerson[];
  chats: readonly ChatEntry[];
  clock: string;
}): string {
  const people = v.people
    .map(
      (p) =>
        `<option value="${escapeHtml(p.openId)}">${escapeHtml(p.name)}（${escapeHtml(p.label)}）</option>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>一诺三评三公开 · 沙盒</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="stylesheet" href="/static/card.css">
</head>
<body>
<header class="topbar">
  <div class="brand">一诺三评三公开 · 沙盒 <span class="hint">（本机模拟的飞书，不连接真实飞书）</span></div>
  <label class="whoami">我是 <select id="as">${people}</select></label>
  <div class="clockbar">
    <span class="clock-label">模拟时间</span> <span id="clock">${escapeHtml(v.clock)}</span>
    <button type="button" id="next-step" title="跳到下一个日程节点并执行">下一步</button>
    <button type="button" id="reset" class="danger" title="清空数据，重新开始演示">重置演示</button>
    <span id="step"></span>
  </div>
</header>
<main class="layout">
  <nav class="sidebar"><ul id="chats">${chatListHtml(v.chats)}</ul></nav>
  <section class="conversation">
    <div class="conversation-title" id="chat-title"></div>
    <div class="messages" id="messages"></div>
    <form class="composer" id="composer">
      <span class="mention" id="mention">@一诺三评助手</span>
      <input id="text" autocomplete="off" placeholder="输入消息，例如：帮助">
      <button type="submit">发送</button>
    </form>
  </section>
</main>
<div class="toasts" id="toasts"></div>
<script src="/static/vchart.js"></script>
<script src="/static/app.js"></script>
</body>
</html>`;
}

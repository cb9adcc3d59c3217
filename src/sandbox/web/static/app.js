// The sandbox messenger's script: keeps the open chat current (polling the server), sends what the person
// types, posts card clicks with the form's values in Lark's form_value shape, shows toasts, draws charts with
// VChart, and moves the sandbox clock. The server renders every card; nothing here interprets card JSON.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { as: '', chat: '', seen: new Map(), busy: 0, read: new Map() };

/** Marks the page busy while a person's action (and the refresh it causes) is under way: tests wait on it. */
async function track(work) {
  state.busy++;
  document.body.dataset.busy = 'true';
  try {
    return await work();
  } finally {
    if (--state.busy === 0) delete document.body.dataset.busy;
  }
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error || `HTTP ${res.status}`);
  return json;
}

function toast(t) {
  const el = document.createElement('div');
  el.className = `toast toast-${t.type || 'info'}`;
  el.textContent = t.content || '';
  $('toasts').append(el);
  setTimeout(() => el.remove(), 4000);
}

function drawCharts(root) {
  for (const el of root.querySelectorAll('.card-chart:not([data-drawn])')) {
    el.dataset.drawn = 'true';
    try {
      const spec = JSON.parse(el.dataset.spec);
      const chart = new window.VChart.VChart(spec, { dom: el, animation: false });
      chart.renderSync();
    } catch (err) {
      el.textContent = `图表无法显示：${err.message}`;
      el.classList.add('chart-error');
    }
  }
}

function timeOf(ms) {
  const d = new Date(ms);
  return d.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function renderMessages(messages) {
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  let added = false;
  const ids = new Set(messages.map((m) => m.id));
  for (const [id, seen] of state.seen) {
    if (ids.has(id)) continue;
    seen.el.remove();
    state.seen.delete(id);
  }
  for (const m of messages) {
    const seen = state.seen.get(m.id);
    if (seen && seen.version === m.version) continue;
    const el = seen ? seen.el : document.createElement('div');
    el.className = `msg ${m.sender === 'bot' ? 'from-bot' : m.sender === state.as ? 'mine' : 'other'}`;
    el.dataset.id = m.id;
    el.dataset.version = String(m.version);
    el.innerHTML = `<div class="meta"><span class="sender"></span> · <span class="at"></span>${m.version ? ' · <span class="updated">已更新</span>' : ''}</div><div class="bubble">${m.html}</div>`;
    el.querySelector('.sender').textContent = m.senderName;
    el.querySelector('.at').textContent = timeOf(m.at);
    if (!seen) {
      box.append(el);
      added = true;
    }
    state.seen.set(m.id, { version: m.version, el });
    drawCharts(el);
  }
  if (added && (atBottom || state.seen.size === messages.length)) box.scrollTop = box.scrollHeight;
}

async function refresh() {
  if (!state.chat) return;
  const chat = state.chat;
  const data = await api(
    'GET',
    `/api/messages?chat=${encodeURIComponent(chat)}&as=${encodeURIComponent(state.as)}`,
  );
  if (chat !== state.chat) return;
  $('clock').textContent = data.clock.label;
  renderMessages(data.messages);
  markUnread(data.counts);
}

/** A chat shows how many messages arrived since this person last had it open. */
function markUnread(counts) {
  state.read.set(`${state.as}|${state.chat}`, counts[state.chat] ?? 0);
  for (const b of document.querySelectorAll('#chats .chat')) {
    const key = `${state.as}|${b.dataset.chat}`;
    const unread = (counts[b.dataset.chat] ?? 0) - (state.read.get(key) ?? 0);
    let badge = b.querySelector('.unread');
    if (unread > 0 && !badge) {
      badge = document.createElement('span');
      badge.className = 'unread';
      b.append(badge);
    }
    if (badge) {
      if (unread > 0) badge.textContent = String(unread);
      else badge.remove();
    }
  }
}

function openChat(id) {
  state.chat = id;
  state.seen.clear();
  $('messages').innerHTML = '';
  for (const b of document.querySelectorAll('#chats .chat')) {
    const on = b.dataset.chat === id;
    b.classList.toggle('active', on);
    if (on) {
      $('chat-title').textContent = b.querySelector('.chat-name').textContent;
      $('mention').hidden = b.dataset.group !== 'true';
    }
  }
  return refresh();
}

async function loadChats(keepChat) {
  const { chats } = await api('GET', `/api/chats?as=${encodeURIComponent(state.as)}`);
  $('chats').innerHTML = chats
    .map(
      (c) =>
        `<li><button type="button" class="chat" data-chat="${c.id}" data-group="${c.group}"><span class="chat-avatar"></span><span class="chat-name"></span><span class="chat-kind"></span></button></li>`,
    )
    .join('');
  $('chats')
    .querySelectorAll('.chat')
    .forEach((b, i) => {
      b.querySelector('.chat-avatar').textContent = [...chats[i].name][0];
      b.querySelector('.chat-name').textContent = chats[i].name;
      b.querySelector('.chat-kind').textContent = chats[i].kind;
    });
  const still = keepChat && chats.some((c) => c.id === state.chat && c.group);
  return openChat(still ? state.chat : chats[0].id);
}

/** Lark's form_value: each named field of the form, as the client would send it (protocol §3). */
function formValue(form) {
  const out = {};
  const missing = [];
  for (const f of form.querySelectorAll('[data-field]')) {
    const name = f.getAttribute('name');
    if (!name) continue;
    let v;
    switch (f.dataset.field) {
      case 'multi_select_static':
      case 'multi_select_person':
        v = [...f.querySelectorAll('input:checked')].map((i) => i.value);
        break;
      case 'checker':
        v = f.checked;
        break;
      case 'date_picker':
        v = f.value && `${f.value} +0800`;
        break;
      case 'picker_datetime':
        v = f.value && `${f.value.replace('T', ' ')} +0800`;
        break;
      default:
        v = f.value;
    }
    const empty = v === '' || v === undefined || (Array.isArray(v) && v.length === 0);
    if (empty && f.dataset.required !== undefined) missing.push(f);
    if (!empty) out[name] = v;
  }
  return { out, missing };
}

async function onCardClick(target) {
  const data = JSON.parse(target.dataset.click);
  if (target.dataset.confirm && !window.confirm(target.dataset.confirm)) return;
  if (data.url) window.open(data.url, '_blank', 'noopener');
  const form = target.closest('form');
  if (data.form === 'reset' && form) return form.reset();
  if (!data.value) return;
  const body = { as: state.as, message: target.closest('.msg').dataset.id, value: data.value };
  if (data.name) body.name = data.name;
  if (data.tag) body.tag = data.tag;
  if (data.form === 'submit' && form) {
    const { out, missing } = formValue(form);
    if (missing.length) {
      missing.forEach((f) => f.classList.add('invalid'));
      return toast({ type: 'warning', content: '请填写必填项' });
    }
    body.form_value = out;
  }
  target.disabled = true;
  try {
    const answer = await api('POST', '/api/click', body);
    if (answer.toast) toast(answer.toast);
    else if (answer.status !== 200)
      toast({ type: 'error', content: `机器人没有响应（HTTP ${answer.status}）` });
  } catch (err) {
    toast({ type: 'error', content: err.message });
  } finally {
    target.disabled = false;
  }
  await refresh();
}

$('messages').addEventListener('click', (e) => {
  const target = e.target.closest('[data-click]');
  if (!target || target.disabled) return;
  // A checker inside a form is a field: the form's submit button sends it.
  if (target.matches('input[type=checkbox]') && target.closest('form')) return;
  if (!target.matches('input')) e.preventDefault();
  void track(() => onCardClick(target));
});

$('chats').addEventListener('click', (e) => {
  const b = e.target.closest('.chat');
  if (b) void track(() => openChat(b.dataset.chat));
});

$('as').addEventListener('change', () => {
  state.as = $('as').value;
  localStorage.setItem('sandbox.as', state.as);
  void track(() => loadChats(true));
});

$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('text').value = '';
  void track(async () => {
    try {
      await api('POST', '/api/send', { as: state.as, chat: state.chat, text });
    } catch (err) {
      toast({ type: 'error', content: err.message });
    }
    await refresh();
  });
});

$('next-step').addEventListener('click', () => void track(nextStep));

async function nextStep() {
  $('next-step').disabled = true;
  try {
    const r = await api('POST', '/api/clock/next');
    $('clock').textContent = r.clock.label;
    $('step').textContent = r.step
      ? `已到 ${r.step.label}：${r.step.summary}${r.step.branch ? `（${r.step.branch}）` : ''}`
      : '没有更多日程';
  } finally {
    $('next-step').disabled = false;
  }
  await refresh();
}

$('reset').addEventListener('click', () => void track(reset));

async function reset() {
  $('reset').disabled = true;
  try {
    const r = await api('POST', '/api/reset');
    $('clock').textContent = r.clock.label;
    $('step').textContent = '演示已重置';
  } finally {
    $('reset').disabled = false;
  }
  state.read.clear();
  await loadChats(false);
}

const saved = localStorage.getItem('sandbox.as');
if (saved && [...$('as').options].some((o) => o.value === saved)) $('as').value = saved;
state.as = $('as').value;
void track(() => loadChats(false));
setInterval(() => void refresh().catch(() => undefined), 1000);

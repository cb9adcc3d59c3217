/**
 * The board's page kit: one HTML shell with a small inline style sheet sized for a phone (375 px and up),
 * and the one escaping function every piece of stored text goes through. No script runs on these pages
 * (the routes' Content-Security-Policy forbids any), so a name written as `<script>` is only ever text.
 */

/** Text as HTML: every character that could open a tag, an entity or an attribute is escaped. */
export function escapeHtml(s: string | number): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const STYLE = `*{box-sizing:border-box}
body{margin:0;background:#f5f6f7;color:#1f2329;font:16px/1.6 -apple-system,"PingFang SC","Hiragino Sans GB",
"Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;overflow-wrap:anywhere}
header{background:#c8161d;color:#fff;padding:16px}header h1{margin:0;font-size:21px}
header p{margin:4px 0 0;font-size:14px;opacity:.9}header a{color:#fff}
main{max-width:720px;margin:auto;padding:8px 12px 24px}
nav{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:14px;margin:8px 0}nav a{color:#245bdb}
section{background:#fff;border:1px solid #dee0e3;border-radius:8px;margin:12px 0;padding:4px 14px 12px}
h2{font-size:18px;margin:10px 0 6px;color:#c8161d}h3{font-size:16px;margin:12px 0 4px}
ul,ol{padding-left:20px;margin:6px 0}li{margin:6px 0}
.note{color:#646a73;font-size:14px}.empty{color:#8f959e}
.tag{display:inline-block;font-size:12px;line-height:18px;padding:0 6px;border-radius:4px;margin-right:4px;
background:#eff0f1;color:#646a73;white-space:nowrap}
.ok{background:#e4f5e9;color:#1a7f37}.open{background:#e1eaff;color:#245bdb}.late{background:#fde2e2;color:#c8161d}
.bar{height:8px;background:#fde2e2;border-radius:4px;overflow:hidden;margin:4px 0}
.bar i{display:block;height:100%;background:#34a853}
.done{margin:2px 0 0;padding:4px 8px;background:#f2f8f4;border-left:3px solid #34a853;font-size:14px}
.card{border-top:1px dashed #dee0e3;padding-top:4px}.card:first-of-type{border-top:0}
footer{max-width:720px;margin:auto;padding:0 12px 24px;color:#8f959e;font-size:13px}`;

/** The whole document: Chinese, a phone viewport, the style sheet, a heading and the body. */
export function page(o: {
  title: string;
  heading: string;
  sub?: string;
  body: string;
  footer?: string;
}): string {
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(o.title)}</title>` +
    `<style>${STYLE}</style></head><body><header><h1>${o.heading}</h1>` +
    (o.sub ? `<p>${o.sub}</p>` : '') +
    `</header><main>${o.body}</main>` +
    (o.footer ? `<footer>${o.footer}</footer>` : '') +
    `</body></html>`
  );
}

/** A section with an anchor for the page's table of contents. */
export function section(id: string, title: string, inner: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>${inner}</section>`;
}

export const empty = (what: string) => `<p class="empty">${escapeHtml(what)}</p>`;

export const tag = (text: string, kind = '') =>
  `<span class="tag${kind ? ` ${kind}` : ''}">${escapeHtml(text)}</span>`;

/** A progress bar: the fulfilled share of the total. */
export function bar(done: number, total: number): string {
  const pct = total ? Math.round((done / total) * 100) : 0;
  return `<div class="bar" role="img" aria-label="已兑现 ${pct}%"><i style="width:${pct}%"></i></div>`;
}

/** 0.934 → '93.4%' */
export const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/** '2026-H1' → '2026年上半年' */
export function halfYearName(period: string): string {
  const m = /^(\d{4})-H([12])$/.exec(period);
  return m ? `${m[1]}年${m[2] === '1' ? '上' : '下'}半年` : period;
}

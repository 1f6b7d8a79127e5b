/*
 * Support Inbox chat widget. On any site:
 *   <script src="https://<inbox>/widget.js" data-channel="<web chat channel id>" async></script>
 * A launcher button and a chat panel in a shadow root (the site's styles cannot reach it, and it cannot reach the
 * site). `data-mode="page"` fills the page instead (the inbox's own /chat). A site whose users are signed in sets
 * `window.InboxWidget = { identity: { userId, name, email, hash } }` before the script, with
 * hash = HMAC-SHA256(identitySecret, userId) computed on its server.
 *
 * Nothing typed is lost: every message waits in this browser's localStorage with its client id until the server
 * acknowledged it, and is resent with backoff while the page is open and again on the next visit.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__inboxWidgetLoaded) return;
  window.__inboxWidgetLoaded = true;

  var BASE = new URL(script.src, location.href).origin;
  var CHANNEL = script.getAttribute('data-channel') || undefined;
  var PAGE_MODE = script.getAttribute('data-mode') === 'page';
  var OPTIONS = window.InboxWidget || {};
  var BROWSER_LANGUAGE = navigator.language || 'ru';
  var LANG = BROWSER_LANGUAGE.toLowerCase().indexOf('ru') === 0 ? 'ru' : 'en';
  var STORE_KEY = 'inbox-widget:' + BASE + ':' + (CHANNEL || '');
  var MAX_BACKOFF_MS = 30000;

  var TEXTS = {
    ru: {
      open: 'Открыть чат поддержки', close: 'Закрыть', placeholder: 'Сообщение…', send: 'Отправить', attach: 'Прикрепить файл',
      sending: 'отправляется…', sent: 'отправлено', read: 'прочитано', failed: 'не отправлено: ', typing: ' печатает…',
      agent: 'Поддержка', name: 'Ваше имя', email: 'E-mail', topic: 'Тема обращения', start: 'Начать чат',
      offline: 'Нет связи с сервером, сообщения отправятся, когда она появится', refused: 'Чат недоступен на этом сайте',
      help: 'Ответы на частые вопросы', download: 'Скачать', tooLarge: 'Файл слишком большой', badType: 'Такие файлы не принимаются', you: 'Вы',
    },
    en: {
      open: 'Open support chat', close: 'Close', placeholder: 'Message…', send: 'Send', attach: 'Attach a file',
      sending: 'sending…', sent: 'sent', read: 'read', failed: 'not sent: ', typing: ' is typing…',
      agent: 'Support', name: 'Your name', email: 'E-mail', topic: 'Topic', start: 'Start chat',
      offline: 'No connection; your messages will be sent when it is back', refused: 'The chat is not available on this site',
      help: 'Answers to common questions', download: 'Download', tooLarge: 'The file is too large', badType: 'Files of this type are not accepted', you: 'You',
    },
  };
  var T = TEXTS[LANG];

  var CSS = [
    ':host { all: initial; }',
    '* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }',
    '.root { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; color: #1d2330; font-size: 15px; line-height: 1.35; }',
    '.root.page { position: fixed; inset: 0; right: auto; bottom: auto; width: 100%; height: 100%; display: flex; justify-content: center; background: #eef1f6; }',
    '.launcher { width: 56px; height: 56px; border-radius: 50%; border: 0; background: var(--colour); color: #fff; cursor: pointer; box-shadow: 0 4px 16px #0003; font-size: 26px; position: relative; }',
    '.badge { position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px; background: #d93025; color: #fff; font-size: 12px; line-height: 22px; font-weight: 600; }',
    '.badge[hidden], [hidden] { display: none !important; }',
    '.panel { position: absolute; right: 0; bottom: 72px; width: min(380px, calc(100vw - 24px)); height: min(600px, calc(100vh - 110px)); display: flex; flex-direction: column; background: #fff; border-radius: 14px; box-shadow: 0 8px 32px #0003; overflow: hidden; }',
    '.page .panel { position: static; width: min(640px, 100%); height: 100%; border-radius: 0; box-shadow: 0 0 24px #0001; }',
    '@media (max-width: 480px) { .root:not(.page) .panel { position: fixed; inset: 0; width: 100%; height: 100%; border-radius: 0; } .root.open .launcher { display: none; } }',
    '.launcher svg { display: block; margin: auto; }',
    '.icon { color: #556; }',
    'header { padding: 14px 16px; background: var(--colour); color: #fff; display: flex; align-items: center; gap: 8px; }',
    'header h1 { margin: 0; font-size: 17px; flex: 1; font-weight: 600; }',
    'header .help { color: #fff; font-size: 12px; opacity: .9; }',
    'header button { background: transparent; border: 0; color: #fff; font-size: 22px; cursor: pointer; line-height: 1; }',
    '.log { flex: 1; min-height: 0; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 8px; overscroll-behavior: contain; }',
    '.greeting { align-self: center; color: #667; font-size: 13px; text-align: center; white-space: pre-wrap; }',
    '.msg { max-width: 82%; display: flex; flex-direction: column; gap: 2px; }',
    '.msg.in { align-self: flex-end; align-items: flex-end; }',
    '.msg.out { align-self: flex-start; align-items: flex-start; }',
    '.bubble { padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }',
    '.in .bubble { background: var(--colour); color: #fff; border-bottom-right-radius: 4px; }',
    '.out .bubble { background: #eef1f6; border-bottom-left-radius: 4px; }',
    '.in .bubble a { color: #fff; }',
    '.out .bubble a { color: #1a4fc4; }',
    '.author, .status { font-size: 11px; color: #778; }',
    '.status.failed { color: #c5221f; }',
    '.in.sending .bubble { opacity: .6; }',
    '.file { display: block; margin-top: 4px; background: none; border: 0; padding: 0; font: inherit; color: inherit; text-decoration: underline; cursor: pointer; text-align: left; }',
    '.choices { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }',
    '.choices button { border: 1px solid var(--colour); background: #fff; color: var(--colour); border-radius: 16px; padding: 6px 12px; font: inherit; cursor: pointer; }',
    '.choices button:disabled { opacity: .5; cursor: default; }',
    '.typing { padding: 0 14px 4px; font-size: 12px; color: #778; min-height: 18px; }',
    '.notice { padding: 6px 14px; font-size: 12px; color: #a33; }',
    'form.composer { display: flex; gap: 6px; padding: 10px; border-top: 1px solid #e3e6ee; align-items: flex-end; }',
    'textarea { flex: 1; resize: none; max-height: 140px; min-height: 40px; padding: 9px 10px; border: 1px solid #cfd5e2; border-radius: 10px; font: inherit; }',
    '.icon { width: 40px; height: 40px; border: 0; border-radius: 10px; background: #eef1f6; cursor: pointer; font-size: 18px; }',
    '.send { height: 40px; padding: 0 14px; border: 0; border-radius: 10px; background: var(--colour); color: #fff; font: inherit; cursor: pointer; }',
    'form.prechat { padding: 14px; display: flex; flex-direction: column; gap: 8px; border-top: 1px solid #e3e6ee; }',
    'form.prechat input, form.prechat select { padding: 9px 10px; border: 1px solid #cfd5e2; border-radius: 10px; font: inherit; }',
  ].join('\n');

  // ---- storage: the token, the queue of unacknowledged messages, what was seen ----
  function load() {
    try { return JSON.parse(localStorage.getItem(STORE_KEY) || '{}') || {}; } catch (e) { return {}; }
  }
  var state = load();
  state.queue = state.queue || [];
  function save() {
    try { localStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* private mode: the page still works */ }
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // ---- DOM ----
  // A tag of our own with inline !important styles: a site's `div { display: none }` or `* { … !important }` cannot
  // hide or restyle the element the shadow root hangs on (inline important declarations win over the site's).
  var host = document.createElement('inbox-chat-widget');
  host.style.setProperty('all', 'initial', 'important');
  host.style.setProperty('display', 'block', 'important');
  var shadow = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in shadow && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement('style');
    style.textContent = CSS;
    shadow.appendChild(style);
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'class') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  // Drawn as SVG paths: no emoji font is needed (many Linux machines have none).
  var CHAT_ICON = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
  var CLIP_ICON = 'M16.5 6.5l-7.8 7.8a1.5 1.5 0 0 0 2.1 2.1l7.8-7.8a3 3 0 0 0-4.2-4.2l-7.8 7.8a4.5 4.5 0 0 0 6.4 6.4l6.4-6.4';
  function icon(path) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '24');
    svg.setAttribute('height', '24');
    svg.setAttribute('aria-hidden', 'true');
    var p = document.createElementNS(ns, 'path');
    p.setAttribute('d', path);
    p.setAttribute('fill', 'none');
    p.setAttribute('stroke', 'currentColor');
    p.setAttribute('stroke-width', '2');
    p.setAttribute('stroke-linecap', 'round');
    p.setAttribute('stroke-linejoin', 'round');
    svg.appendChild(p);
    return svg;
  }

  var root = el('div', { class: 'root' + (PAGE_MODE ? ' page' : ''), lang: LANG });
  root.style.setProperty('--colour', '#2b5cd6');
  var badge = el('span', { class: 'badge', hidden: '' });
  var launcher = el('button', { class: 'launcher', type: 'button', 'aria-label': T.open, title: T.open }, [icon(CHAT_ICON), badge]);
  var title = el('h1', { text: '' });
  var closeButton = el('button', { type: 'button', 'aria-label': T.close, title: T.close, text: '×' });
  var log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite' });
  var typingLine = el('div', { class: 'typing' });
  var notice = el('div', { class: 'notice', hidden: '' });
  var textarea = el('textarea', { rows: '1', placeholder: T.placeholder, 'aria-label': T.placeholder });
  var fileInput = el('input', { type: 'file', hidden: '' });
  var attachButton = el('button', { class: 'icon', type: 'button', title: T.attach, 'aria-label': T.attach }, [icon(CLIP_ICON)]);
  var sendButton = el('button', { class: 'send', type: 'submit', text: T.send });
  var composer = el('form', { class: 'composer' }, [attachButton, fileInput, textarea, sendButton]);
  var prechat = el('form', { class: 'prechat', hidden: '' });
  // The help center of the inbox, in the visitor's language (a relative link on the inbox's own /chat).
  var helpPath = '/help?lang=' + LANG;
  var help = el('a', { class: 'help', href: BASE === location.origin ? helpPath : BASE + helpPath, target: '_blank', rel: 'noopener', text: T.help });
  var panel = el('section', { class: 'panel', hidden: '' }, [el('header', {}, [title, help, PAGE_MODE ? null : closeButton]), log, typingLine, notice, prechat, composer]);
  root.appendChild(panel);
  if (!PAGE_MODE) root.appendChild(launcher);
  shadow.appendChild(root);

  // ---- the conversation as shown ----
  var session = null;        // { token, channel, known }
  var shownById = {};        // message id → element
  var shownByClient = {};    // client message id → element
  var readUpTo = 0;
  var isOpen = PAGE_MODE || state.open === true;
  var greetingShown = false;

  function nearBottom() { return log.scrollHeight - log.scrollTop - log.clientHeight < 80; }
  function scrollToNewest() { log.scrollTop = log.scrollHeight; }

  /** Text with its links clickable, built as nodes (never as HTML). */
  function linkified(text) {
    var frag = document.createDocumentFragment();
    var re = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;
    var last = 0, m;
    while ((m = re.exec(text))) {
      if (m.index > last) frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      frag.appendChild(el('a', { href: m[0], target: '_blank', rel: 'noopener noreferrer nofollow', text: m[0] }));
      last = m.index + m[0].length;
    }
    if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  function setStatus(node, status, detail) {
    node.setAttribute('data-status', status);
    node.classList.toggle('sending', status === 'sending');
    var line = node.querySelector('.status');
    line.className = 'status' + (status === 'failed' ? ' failed' : '');
    line.textContent = status === 'failed' ? T.failed + (detail || '') : T[status];
  }

  function download(file) {
    fetch(BASE + file.url, { headers: { 'X-Visitor-Token': session.token } }).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var a = el('a', { href: url, download: file.name });
      shadow.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }).catch(function () { /* the link stays; the visitor can try again */ });
  }

  function render(item) {
    var existing = (item.id && shownById[item.id]) || (item.clientMessageId && shownByClient[item.clientMessageId]);
    if (existing) {
      if (item.id && !existing.getAttribute('data-id')) {
        existing.setAttribute('data-id', String(item.id));
        shownById[item.id] = existing;
      }
      if (item.direction === 'in' && item.id) setStatus(existing, item.id <= readUpTo ? 'read' : 'sent');
      return existing;
    }
    var stick = nearBottom() || item.direction === 'in';
    var bubble = el('div', { class: 'bubble' });
    bubble.appendChild(linkified(item.text || ''));
    (item.attachments || []).forEach(function (file) {
      if (file.url) {
        var b = el('button', { class: 'file', type: 'button', title: T.download, text: '⬇ ' + file.name });
        b.addEventListener('click', function () { download(file); });
        bubble.appendChild(b);
      } else {
        bubble.appendChild(el('span', { class: 'file', text: '📎 ' + file.name }));
      }
    });
    var node = el('div', { class: 'msg ' + item.direction });
    if (item.direction === 'out') node.appendChild(el('div', { class: 'author', text: item.author || (item.automatic ? '' : T.agent) }));
    node.appendChild(bubble);
    if (item.direction === 'out' && item.choices && item.choices.length) {
      var row = el('div', { class: 'choices' });
      item.choices.forEach(function (choice) {
        var b = el('button', { type: 'button', text: choice.label, 'data-choice': choice.id });
        b.addEventListener('click', function () {
          Array.prototype.forEach.call(row.querySelectorAll('button'), function (x) { x.disabled = true; });
          enqueue({ choiceId: choice.id, replyTo: item.id, label: choice.label });
        });
        row.appendChild(b);
      });
      node.appendChild(row);
    }
    if (item.direction === 'in') node.appendChild(el('div', { class: 'status' }));
    if (item.id) { node.setAttribute('data-id', String(item.id)); shownById[item.id] = node; }
    if (item.clientMessageId) { node.setAttribute('data-client', item.clientMessageId); shownByClient[item.clientMessageId] = node; }
    // Unacknowledged messages stay last, in the order they were typed.
    var firstPending = item.pending ? null : log.querySelector('.msg[data-status="sending"], .msg[data-status="failed"]');
    log.insertBefore(node, firstPending);
    if (item.direction === 'in') setStatus(node, item.pending ? 'sending' : item.id <= readUpTo ? 'read' : 'sent');
    if (stick || !isOpen) scrollToNewest();
    return node;
  }

  function markRead(upTo) {
    if (!upTo || upTo <= readUpTo) return;
    readUpTo = upTo;
    Array.prototype.forEach.call(log.querySelectorAll('.msg.in[data-status="sent"]'), function (node) {
      if (Number(node.getAttribute('data-id')) <= readUpTo) setStatus(node, 'read');
    });
  }

  function updateBadge() {
    var unread = 0;
    Object.keys(shownById).forEach(function (id) {
      if (Number(id) > (state.lastSeenId || 0) && shownById[id].classList.contains('out')) unread++;
    });
    if (isOpen) {
      state.lastSeenId = Math.max.apply(null, [state.lastSeenId || 0].concat(Object.keys(shownById).map(Number)));
      save();
      unread = 0;
    }
    badge.textContent = unread > 9 ? '9+' : String(unread);
    if (unread > 0) badge.removeAttribute('hidden'); else badge.setAttribute('hidden', '');
  }

  function setOpen(open) {
    isOpen = open || PAGE_MODE;
    state.open = isOpen;
    save();
    root.classList.toggle('open', isOpen);
    if (isOpen) panel.removeAttribute('hidden'); else panel.setAttribute('hidden', '');
    updateBadge();
    if (isOpen) { scrollToNewest(); textarea.focus(); }
  }
  launcher.addEventListener('click', function () { setOpen(!isOpen); });
  closeButton.addEventListener('click', function () { setOpen(false); });

  function showNotice(text) {
    notice.textContent = text || '';
    if (text) notice.removeAttribute('hidden'); else notice.setAttribute('hidden', '');
  }

  // ---- talking to the server ----
  function api(method, path, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (session && session.token) headers['X-Visitor-Token'] = session.token;
    else if (state.token) headers['X-Visitor-Token'] = state.token;
    return fetch(BASE + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
  }
  function retryAfterMs(res, fallback) {
    var seconds = Number(res && res.headers.get('Retry-After'));
    return seconds > 0 ? Math.min(seconds * 1000, 60000) : fallback;
  }
  function errorText(res) {
    return res.json().then(function (b) { return [].concat(b.message || res.statusText).join('; '); }, function () { return String(res.status); });
  }

  var sessionBackoff = 1000;
  function startSession() {
    var body = { language: BROWSER_LANGUAGE };
    if (CHANNEL) body.channel = CHANNEL;
    if (OPTIONS.identity) body.identity = OPTIONS.identity;
    api('POST', '/webchat/session', body).then(function (res) {
      if (res.status === 403) { showNotice(T.refused); root.setAttribute('data-refused', ''); return null; }
      if (res.status === 401 || res.status === 400 || res.status === 404) return errorText(res).then(function (t) { showNotice(t); return null; });
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    }).then(function (data) {
      if (!data) return;
      sessionBackoff = 1000;
      showNotice('');
      session = data;
      state.token = data.token;
      save();
      applyChannel(data.channel);
      loadHistory();
      connectRealtime();
      pump(true);
    }).catch(function () {
      showNotice(T.offline);
      setTimeout(startSession, sessionBackoff);
      sessionBackoff = Math.min(sessionBackoff * 2, MAX_BACKOFF_MS);
    });
  }

  function applyChannel(channel) {
    root.style.setProperty('--colour', channel.colour);
    title.textContent = channel.title;
    if (!greetingShown && channel.greeting) {
      log.insertBefore(el('div', { class: 'greeting', text: channel.greeting }), log.firstChild);
      greetingShown = true;
    }
    fileInput.setAttribute('accept', channel.uploads.types.join(','));
    buildPrechat(channel.preChat);
  }

  function buildPrechat(form) {
    var asks = form && (form.name !== 'off' || form.email !== 'off' || form.topics.length);
    if (!asks || state.prechat || state.queue.length || Object.keys(shownById).length) { prechat.setAttribute('hidden', ''); composer.removeAttribute('hidden'); return; }
    prechat.textContent = '';
    var fields = {};
    if (form.name !== 'off') prechat.appendChild(fields.name = el('input', { name: 'name', placeholder: T.name, autocomplete: 'name' }));
    if (form.email !== 'off') prechat.appendChild(fields.email = el('input', { name: 'email', type: 'email', placeholder: T.email, autocomplete: 'email' }));
    if (form.topics.length) {
      fields.topic = el('select', { name: 'topic', 'aria-label': T.topic }, [el('option', { value: '', text: T.topic })]);
      form.topics.forEach(function (t) { fields.topic.appendChild(el('option', { value: t.id, text: t.label })); });
      prechat.appendChild(fields.topic);
    }
    if (fields.name && form.name === 'required') fields.name.required = true;
    if (fields.email && form.email === 'required') fields.email.required = true;
    if (fields.topic) fields.topic.required = true;
    prechat.appendChild(el('button', { class: 'send', type: 'submit', text: T.start }));
    prechat.onsubmit = function (event) {
      event.preventDefault();
      state.prechat = {
        name: fields.name && fields.name.value.trim() || undefined,
        email: fields.email && fields.email.value.trim() || undefined,
        topic: fields.topic && fields.topic.value || undefined,
      };
      save();
      prechat.setAttribute('hidden', '');
      composer.removeAttribute('hidden');
      textarea.focus();
    };
    prechat.removeAttribute('hidden');
    composer.setAttribute('hidden', '');
  }

  function loadHistory() {
    return api('GET', '/webchat/messages').then(function (res) {
      if (res.status === 401) { session = null; state.token = null; save(); startSession(); return; }
      if (!res.ok) return;
      return res.json().then(function (data) {
        readUpTo = Math.max(readUpTo, data.readUpTo || 0);
        data.items.forEach(render);
        markRead(data.readUpTo);
        // A returning visitor has answered the pre-chat questions already, or never needed to.
        if (data.items.length) { prechat.setAttribute('hidden', ''); composer.removeAttribute('hidden'); }
        updateBadge();
        scrollToNewest();
      });
    }).catch(function () { /* the realtime reconnect loads it again */ });
  }

  // ---- the queue: nothing typed is lost ----
  function enqueue(fields) {
    var item = { clientMessageId: newId(), createdAt: Date.now() };
    Object.keys(fields).forEach(function (k) { item[k] = fields[k]; });
    if (!state.queue.length && state.prechat && !state.prechatSent) {
      item.name = state.prechat.name; item.email = state.prechat.email; item.topic = state.prechat.topic;
    }
    state.queue.push(item);
    save();
    render({ direction: 'in', text: item.text || item.label, clientMessageId: item.clientMessageId, pending: true });
    scrollToNewest();
    pump(true);
  }

  var pumping = false;
  var backoff = 1000;
  var retryTimer = null;
  function pump(now) {
    if (now) { backoff = 1000; if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; } }
    if (pumping || retryTimer || !session || !state.queue.length) return;
    pumping = true;
    var item = state.queue[0];
    var body = { clientMessageId: item.clientMessageId, language: BROWSER_LANGUAGE };
    ['text', 'name', 'email', 'topic', 'choiceId', 'replyTo'].forEach(function (k) { if (item[k] !== undefined) body[k] = item[k]; });
    var retry = function (delay) {
      pumping = false;
      showNotice(T.offline);
      retryTimer = setTimeout(function () { retryTimer = null; pump(false); }, delay);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
    api('POST', '/webchat/messages', body).then(function (res) {
      if (res.ok) {
        return res.json().then(function (data) {
          state.queue.shift();
          if (item.topic || item.name || item.email) state.prechatSent = true;
          save();
          showNotice('');
          var node = shownByClient[item.clientMessageId];
          if (node && data.messageId) { node.setAttribute('data-id', String(data.messageId)); shownById[data.messageId] = node; }
          if (node) setStatus(node, data.messageId && data.messageId <= readUpTo ? 'read' : 'sent');
          pumping = false;
          pump(false);
        });
      }
      if (res.status === 401) { pumping = false; session = null; state.token = null; save(); startSession(); return; }
      if (res.status >= 500 || res.status === 429 || res.status === 408) return retry(retryAfterMs(res, backoff));
      // Refused for good (a 4xx naming the problem): shown on the message, never dropped in silence.
      return errorText(res).then(function (text) {
        state.queue.shift();
        save();
        var node = shownByClient[item.clientMessageId];
        if (node) setStatus(node, 'failed', text);
        pumping = false;
        pump(false);
      });
    }).catch(function () { retry(backoff); });
  }
  window.addEventListener('online', function () { pump(true); });

  composer.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = textarea.value.trim();
    if (!text) return;
    textarea.value = '';
    textarea.style.height = '';
    enqueue({ text: text });
  });
  textarea.addEventListener('keydown', function (event) {
    // Enter sends; Shift+Enter starts a new line (as in every messenger).
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit ? composer.requestSubmit() : composer.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  });
  var lastTypingSignal = 0;
  textarea.addEventListener('input', function () {
    textarea.style.height = 'auto';
    textarea.style.height = Math.min(textarea.scrollHeight, 140) + 'px';
    // The agent sees "visitor is typing…": at most one signal every 2 s, only while connected.
    if (socket && socket.connected && textarea.value.trim() && Date.now() - lastTypingSignal > 2000) {
      lastTypingSignal = Date.now();
      socket.emit('typing', { typing: true });
    }
  });

  // ---- files: sent while the page is open, with retries ----
  attachButton.addEventListener('click', function () { fileInput.click(); });
  fileInput.addEventListener('change', function () {
    var file = fileInput.files && fileInput.files[0];
    fileInput.value = '';
    if (!file || !session) return;
    if (file.size > session.channel.uploads.maxBytes) { showNotice(T.tooLarge); return; }
    var clientMessageId = newId();
    var node = render({ direction: 'in', text: '', clientMessageId: clientMessageId, pending: true, attachments: [{ name: file.name, url: null }] });
    var delay = 1000;
    var attempt = function () {
      var form = new FormData();
      form.append('clientMessageId', clientMessageId);
      form.append('file', file, file.name);
      fetch(BASE + '/webchat/uploads', { method: 'POST', headers: { 'X-Visitor-Token': session.token }, body: form, credentials: 'omit' }).then(function (res) {
        if (res.ok) return res.json().then(function (data) { shownById[data.messageId] = node; node.setAttribute('data-id', String(data.messageId)); setStatus(node, 'sent'); });
        if (res.status >= 500 || res.status === 429) { setTimeout(attempt, delay = Math.min(delay * 2, MAX_BACKOFF_MS)); return; }
        return errorText(res).then(function (text) { setStatus(node, 'failed', res.status === 415 ? T.badType : res.status === 413 ? T.tooLarge : text); });
      }).catch(function () { setTimeout(attempt, delay = Math.min(delay * 2, MAX_BACKOFF_MS)); });
    };
    attempt();
  });

  // ---- realtime: replies, typing ----
  var socket = null;
  var typingTimer = null;
  function connectRealtime() {
    if (socket) { socket.auth = { visitorToken: session.token }; if (!socket.connected) socket.connect(); return; }
    withSocketIo(function (io) {
      socket = io(BASE + '/realtime', { auth: { visitorToken: session.token }, transports: ['websocket'] });
      socket.on('ready', function () { loadHistory(); pump(true); });
      socket.on('reply', function (reply) {
        typingLine.textContent = '';
        render({ id: reply.messageId, direction: 'out', text: reply.text, attachments: reply.attachments, author: reply.author, automatic: reply.automatic, choices: reply.choices });
        if (!reply.automatic) markRead(Math.max.apply(null, [readUpTo].concat(Object.keys(shownById).map(Number).filter(function (id) { return shownById[id].classList.contains('in'); }))));
        updateBadge();
      });
      socket.on('typing', function (event) {
        clearTimeout(typingTimer);
        if (event && event.typing === false) { typingLine.textContent = ''; return; }
        typingLine.textContent = (event.author || T.agent) + T.typing;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { typingLine.textContent = ''; }, 4000);
      });
      socket.on('unauthorized', function (event) {
        if (event && event.status === 403) { showNotice(T.refused); return; }
        session = null; state.token = null; save(); startSession();
      });
    });
  }

  /** Socket.IO's client, from the inbox (the site may have its own, of another version: ours is used only here). */
  function withSocketIo(done) {
    if (window.__inboxIo) return done(window.__inboxIo);
    var previous = window.io;
    var tag = document.createElement('script');
    tag.src = BASE + '/socket.io/socket.io.min.js';
    tag.async = true;
    tag.onload = function () {
      window.__inboxIo = window.io;
      if (previous) window.io = previous;
      done(window.__inboxIo);
    };
    tag.onerror = function () { setTimeout(function () { tag.remove(); withSocketIo(done); }, 5000); };
    document.head.appendChild(tag);
  }

  // ---- start ----
  state.queue.forEach(function (item) { render({ direction: 'in', text: item.text || item.label, clientMessageId: item.clientMessageId, pending: true }); });
  function mount() {
    document.body.appendChild(host);
    setOpen(isOpen);
    startSession();
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();

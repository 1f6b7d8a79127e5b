import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'ru' | 'en';
export const LANGS: Lang[] = ['ru', 'en'];

/** Russian plural: 1 часть, 2 части, 5 частей. */
function ruPlural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

const en = {
  appName: 'Support Inbox',
  inbox: 'Inbox',
  board: 'Board',
  signInTitle: 'Sign in',
  signInHint: 'Paste your agent token (from “npm run cli -- agent create” or your administrator).',
  token: 'Agent token',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signInFailed: 'This token is not valid.',
  serverUnreachable: 'The server does not answer. Try again.',
  live: 'Live',
  offline: 'Reconnecting…',
  language: 'Language',
  // list and filters
  all: 'All',
  mine: 'Mine',
  unassigned: 'Unassigned',
  allChannels: 'All channels',
  active: 'Active',
  status_open: 'Open',
  status_pending: 'Pending',
  status_snoozed: 'Snoozed',
  status_resolved: 'Resolved',
  breaching: 'Breaching',
  search: 'Search: name, subject, text',
  loadMore: 'Load more',
  noConversations: 'No conversations here.',
  noPreview: '(no text)',
  loadFailed: 'Could not load',
  retryLoad: 'Try again',
  // channels
  type_telegram: 'Telegram',
  type_whatsapp: 'WhatsApp',
  type_vk: 'VK',
  type_email: 'Email',
  type_webchat: 'Web chat',
  // deadlines
  target_firstResponse: 'first response',
  target_nextResponse: 'next response',
  target_resolution: 'resolution',
  dueIn: (what: string, left: string) => `${what} due in ${left}`,
  overdueBy: (what: string, late: string) => `${what} overdue by ${late}`,
  units: { d: 'd', h: 'h', m: 'm', s: 's' },
  // conversation
  pickConversation: 'Pick a conversation on the left.',
  historyAcross: 'History with this contact across channels',
  conversationHeading: (id: number, type: string, channel: string) => `#${id} · ${type} · ${channel}`,
  thisConversation: 'this conversation',
  assignee: 'Assignee',
  nobody: 'Nobody',
  assignToMe: 'Assign to me',
  status: 'Status',
  internalNote: 'Internal note',
  automatic: 'automatic',
  edited: 'edited',
  originalText: (text: string) => `Before the edit: ${text}`,
  delivery_queued: 'queued',
  delivery_sent: 'sent',
  delivery_delivered: 'delivered',
  delivery_read: 'read',
  delivery_failed: 'not delivered',
  retry: 'Retry',
  download: 'Download',
  notStored: 'not stored',
  attachment: 'Attachment',
  customer: 'Customer',
  agent: 'Agent',
  system: 'System',
  // reply box
  reply: 'Reply',
  note: 'Note',
  replyPlaceholderChat: 'Reply… (Enter sends, Shift+Enter for a new line)',
  replyPlaceholderEmail: 'Reply in plain text… (Ctrl+Enter sends)',
  notePlaceholder: 'Note for colleagues, the customer never sees it…',
  send: 'Send',
  addNote: 'Add note',
  attach: 'Attach files',
  removeFile: 'Remove',
  sending: 'Sending…',
  emailPlainText: 'E-mail replies go out as plain text.',
  parts: (n: number, limit: number) => `Longer than ${limit} characters: will go out in ${n} parts.`,
  sendFailed: 'Not sent',
  // knowledge base suggestions
  suggestions: 'Suggested articles',
  insertLink: 'Insert link',
  insertText: 'Insert text',
  // board
  boardTitle: 'Live board',
  boardSubtitle: 'Load and speed per channel, today',
  channel: 'Channel',
  open: 'Open',
  unanswered: 'Unanswered',
  longestWait: 'Longest wait',
  medianFirstResponse: 'Median first response today',
  warningsToday: 'Warnings today',
  breachesToday: 'Breaches today',
  target: 'target',
  total: 'All channels',
  updatedAt: (time: string) => `Updated ${time}`,
};

export type Texts = typeof en;

const ru: Texts = {
  appName: 'Входящие поддержки',
  inbox: 'Входящие',
  board: 'Табло',
  signInTitle: 'Вход',
  signInHint: 'Вставьте токен агента (выдаёт «npm run cli -- agent create» или администратор).',
  token: 'Токен агента',
  signIn: 'Войти',
  signOut: 'Выйти',
  signInFailed: 'Токен не подходит.',
  serverUnreachable: 'Сервер не отвечает. Попробуйте ещё раз.',
  live: 'На связи',
  offline: 'Переподключение…',
  language: 'Язык',
  all: 'Все',
  mine: 'Мои',
  unassigned: 'Неназначенные',
  allChannels: 'Все каналы',
  active: 'Активные',
  status_open: 'Открыт',
  status_pending: 'Ждём клиента',
  status_snoozed: 'Отложен',
  status_resolved: 'Решён',
  breaching: 'Просрочены',
  search: 'Поиск: имя, тема, текст',
  loadMore: 'Показать ещё',
  noConversations: 'Здесь нет обращений.',
  noPreview: '(без текста)',
  loadFailed: 'Не удалось загрузить',
  retryLoad: 'Повторить',
  type_telegram: 'Telegram',
  type_whatsapp: 'WhatsApp',
  type_vk: 'ВКонтакте',
  type_email: 'Почта',
  type_webchat: 'Веб-чат',
  target_firstResponse: 'первый ответ',
  target_nextResponse: 'следующий ответ',
  target_resolution: 'решение',
  dueIn: (what, left) => `${what}: осталось ${left}`,
  overdueBy: (what, late) => `${what}: просрочен на ${late}`,
  units: { d: 'д', h: 'ч', m: 'мин', s: 'с' },
  pickConversation: 'Выберите обращение слева.',
  historyAcross: 'История с клиентом во всех каналах',
  conversationHeading: (id, type, channel) => `№${id} · ${type} · ${channel}`,
  thisConversation: 'это обращение',
  assignee: 'Ответственный',
  nobody: 'Никто',
  assignToMe: 'Взять себе',
  status: 'Статус',
  internalNote: 'Внутренняя заметка',
  automatic: 'автоматически',
  edited: 'изменено',
  originalText: (text) => `До правки: ${text}`,
  delivery_queued: 'в очереди',
  delivery_sent: 'отправлено',
  delivery_delivered: 'доставлено',
  delivery_read: 'прочитано',
  delivery_failed: 'не доставлено',
  retry: 'Повторить',
  download: 'Скачать',
  notStored: 'не сохранён',
  attachment: 'Вложение',
  customer: 'Клиент',
  agent: 'Агент',
  system: 'Система',
  reply: 'Ответ',
  note: 'Заметка',
  replyPlaceholderChat: 'Ответ… (Enter — отправить, Shift+Enter — новая строка)',
  replyPlaceholderEmail: 'Ответ простым текстом… (Ctrl+Enter — отправить)',
  notePlaceholder: 'Заметка для коллег, клиент её не увидит…',
  send: 'Отправить',
  addNote: 'Добавить заметку',
  attach: 'Прикрепить файлы',
  removeFile: 'Убрать',
  sending: 'Отправляем…',
  emailPlainText: 'Ответ на письмо уходит простым текстом.',
  parts: (n, limit) => `Длиннее ${limit} символов: уйдёт ${n} ${ruPlural(n, 'частью', 'частями', 'частями')}.`,
  sendFailed: 'Не отправлено',
  suggestions: 'Подходящие статьи',
  insertLink: 'Вставить ссылку',
  insertText: 'Вставить текст',
  boardTitle: 'Табло',
  boardSubtitle: 'Нагрузка и скорость по каналам за сегодня',
  channel: 'Канал',
  open: 'Открыто',
  unanswered: 'Без ответа',
  longestWait: 'Дольше всех ждёт',
  medianFirstResponse: 'Медиана первого ответа сегодня',
  warningsToday: 'Предупреждений сегодня',
  breachesToday: 'Просрочек сегодня',
  target: 'цель',
  total: 'Все каналы',
  updatedAt: (time) => `Обновлено в ${time}`,
};

export const TEXTS: Record<Lang, Texts> = { ru, en };

const LANG_KEY = 'inbox.lang';

/** The saved choice, else the browser's language: Russian for a Russian browser, English otherwise. */
export function initialLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY);
  if (saved === 'ru' || saved === 'en') return saved;
  const preferred = navigator.languages?.[0] ?? navigator.language ?? '';
  return preferred.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** Remembers an explicit choice in this browser. */
export function saveLang(lang: Lang): void {
  localStorage.setItem(LANG_KEY, lang);
}

export const I18n = createContext<{ lang: Lang; t: Texts }>({ lang: 'en', t: en });

export function useT(): Texts {
  return useContext(I18n).t;
}

export function useLang(): Lang {
  return useContext(I18n).lang;
}

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
  bot_active: '🤖 The bot is answering',
  bot_handed_over: '🤖 Handed over by the bot',
  bot_resolved: '🤖 Resolved by the bot',
  breaching: 'Breaching',
  search: 'Search: name, subject, text',
  loadMore: 'Load more',
  noConversations: 'No conversations here.',
  noPreview: '(no text)',
  loadFailed: 'Could not load',
  retryLoad: 'Try again',
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
  todayCurve: 'Conversations opened today, per hour',
  chartTime: 'Time',
  // reports
  reports: 'Reports',
  reportsTitle: 'Reports',
  reportsSubtitle: 'Load and speed per channel and per agent',
  reportsOwnOnly: 'Your own figures',
  period: 'Period',
  periods: { today: 'Today', week: 'Last 7 days', month: 'Last 30 days' },
  groupBy: 'By',
  groupBys: { hour: 'hour', day: 'day', week: 'week' },
  allAgents: 'All agents',
  exportCsv: 'CSV',
  exportMore: 'More tables as CSV:',
  volumeChart: 'Conversations opened, per channel',
  firstResponseChart: 'Median first response, per channel',
  loadHeatmap: 'Load by hour of the week',
  perAgent: 'Agents side by side',
  perChannel: 'Channels side by side',
  noData: 'Nothing in this period.',
  weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  figureNames: {
    opened: 'Opened', resolved: 'Resolved', firstResponseMedian: 'First response, median', firstResponseP90: 'First response, p90',
    firstResponseBusinessMedian: 'First response in business hours', resolutionMedian: 'Resolution, median',
    messagesPerDialogue: 'Messages per dialogue', slaMetPercent: 'SLA met',
  },
  comparedNames: {
    firstResponses: 'First responses', firstResponseMedianSeconds: 'First response, median', firstResponseBusinessMedianSeconds: 'First response, business hours',
    responses: 'Answers', resolved: 'Resolved', resolutionMedianSeconds: 'Resolution, median', messagesPerDialogue: 'Messages per dialogue',
    slaMetPercent: 'SLA met', slaBreaches: 'SLA breaches',
  },
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
  bot_active: '🤖 Отвечает бот',
  bot_handed_over: '🤖 Передан ботом',
  bot_resolved: '🤖 Решён ботом',
  breaching: 'Просрочены',
  search: 'Поиск: имя, тема, текст',
  loadMore: 'Показать ещё',
  noConversations: 'Здесь нет обращений.',
  noPreview: '(без текста)',
  loadFailed: 'Не удалось загрузить',
  retryLoad: 'Повторить',
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
  todayCurve: 'Новые обращения сегодня, по часам',
  chartTime: 'Время',
  reports: 'Отчёты',
  reportsTitle: 'Отчёты',
  reportsSubtitle: 'Нагрузка и скорость по каналам и сотрудникам',
  reportsOwnOnly: 'Ваши показатели',
  period: 'Период',
  periods: { today: 'Сегодня', week: 'Последние 7 дней', month: 'Последние 30 дней' },
  groupBy: 'По',
  groupBys: { hour: 'часам', day: 'дням', week: 'неделям' },
  allAgents: 'Все сотрудники',
  exportCsv: 'CSV',
  exportMore: 'Другие таблицы в CSV:',
  volumeChart: 'Новые обращения по каналам',
  firstResponseChart: 'Медиана первого ответа по каналам',
  loadHeatmap: 'Нагрузка по часам недели',
  perAgent: 'Сотрудники рядом',
  perChannel: 'Каналы рядом',
  noData: 'За этот период ничего нет.',
  weekdays: ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'],
  figureNames: {
    opened: 'Новых', resolved: 'Решено', firstResponseMedian: 'Первый ответ, медиана', firstResponseP90: 'Первый ответ, p90',
    firstResponseBusinessMedian: 'Первый ответ в рабочие часы', resolutionMedian: 'Решение, медиана',
    messagesPerDialogue: 'Сообщений в диалоге', slaMetPercent: 'SLA соблюдён',
  },
  comparedNames: {
    firstResponses: 'Первых ответов', firstResponseMedianSeconds: 'Первый ответ, медиана', firstResponseBusinessMedianSeconds: 'Первый ответ, рабочие часы',
    responses: 'Ответов', resolved: 'Решено', resolutionMedianSeconds: 'Решение, медиана', messagesPerDialogue: 'Сообщений в диалоге',
    slaMetPercent: 'SLA соблюдён', slaBreaches: 'Просрочек SLA',
  },
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

import { useLang } from './i18n';
import type { SnoozePreset } from './snooze-presets';

/** The texts of snooze, reminders, mentions, bulk actions and notifications (kept apart from the shared i18n file). */
const en = {
  snooze: 'Snooze',
  snoozePresets: { hour: '1 hour', tomorrow: 'Tomorrow 9:00', monday: 'Next Monday' } as Record<SnoozePreset, string>,
  snoozedUntil: (time: string) => `Snoozed until ${time}`,
  reminders: 'Reminders',
  mentions: 'Mentions',
  nothingHere: 'Nothing yet.',
  remindAt: 'Remind at',
  remindFor: 'Whom to remind',
  myRemindersHere: 'My reminders here',
  cancelReminder: 'Cancel reminder',
  moveReminder: 'Move',
  unread: (n: number) => `${n} unread`,
  selectAll: 'Select all on this page',
  selectRow: (id: number) => `Select conversation #${id}`,
  selected: (n: number) => `${n} selected`,
  bulkAssign: 'Assign to…',
  bulkStatus: 'Set status…',
  clearSelection: 'Clear',
  bulkSummary: (changed: number, unchanged: number, refused: number) => `Changed ${changed}, already so ${unchanged}, refused ${refused}`,
  notifications: 'Notifications',
  notificationsOn: 'Notifications on',
  notificationsBlocked: 'Notifications are blocked in the browser settings',
  sound: 'Sound',
  visitorTyping: 'The visitor is typing…',
  alert: {
    'snooze.woke': (id: number) => `Conversation #${id} is back from snooze`,
    reminder: (id: number) => `Reminder on conversation #${id}`,
    mention: (id: number) => `You were mentioned in conversation #${id}`,
    owner: (id: number) => `Your customer wrote: conversation #${id} is yours`,
    'sla-warning': (id: number) => `SLA warning in your team: conversation #${id}`,
    'sla-breach': (id: number) => `SLA breached in your team: conversation #${id}`,
    assigned: (id: number) => `Conversation #${id} is assigned to you`,
    message: (id: number) => `New message in conversation #${id}`,
    sla: (id: number) => `Response time running out in conversation #${id}`,
  },
};

const ru: typeof en = {
  snooze: 'Отложить',
  snoozePresets: { hour: 'На час', tomorrow: 'Завтра в 9:00', monday: 'До понедельника' },
  snoozedUntil: (time: string) => `Отложен до ${time}`,
  reminders: 'Напоминания',
  mentions: 'Упоминания',
  nothingHere: 'Пока ничего.',
  remindAt: 'Напомнить',
  remindFor: 'Кому напомнить',
  myRemindersHere: 'Мои напоминания здесь',
  cancelReminder: 'Отменить напоминание',
  moveReminder: 'Перенести',
  unread: (n: number) => `непрочитанных: ${n}`,
  selectAll: 'Выбрать все на странице',
  selectRow: (id: number) => `Выбрать обращение №${id}`,
  selected: (n: number) => `Выбрано: ${n}`,
  bulkAssign: 'Назначить…',
  bulkStatus: 'Статус…',
  clearSelection: 'Сбросить',
  bulkSummary: (changed: number, unchanged: number, refused: number) => `Изменено: ${changed}, без изменений: ${unchanged}, отказано: ${refused}`,
  notifications: 'Уведомления',
  notificationsOn: 'Уведомления включены',
  notificationsBlocked: 'Уведомления запрещены в настройках браузера',
  sound: 'Звук',
  visitorTyping: 'Посетитель печатает…',
  alert: {
    'snooze.woke': (id: number) => `Обращение №${id} вернулось из отложенных`,
    reminder: (id: number) => `Напоминание по обращению №${id}`,
    mention: (id: number) => `Вас упомянули в обращении №${id}`,
    owner: (id: number) => `Ваш клиент написал: обращение №${id} у вас`,
    'sla-warning': (id: number) => `Предупреждение SLA в вашей команде: обращение №${id}`,
    'sla-breach': (id: number) => `Нарушен SLA в вашей команде: обращение №${id}`,
    assigned: (id: number) => `Обращение №${id} назначено вам`,
    message: (id: number) => `Новое сообщение в обращении №${id}`,
    sla: (id: number) => `Заканчивается время ответа в обращении №${id}`,
  },
};

export type AttentionTexts = typeof en;
export const ATTENTION_TEXTS = { en, ru };

export function useAttentionT(): AttentionTexts {
  return ATTENTION_TEXTS[useLang()];
}

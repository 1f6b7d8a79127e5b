import { rng, textOf } from './seed';

/**
 * Telegram updates as a busy bot receives them: `users` customers writing in random order. `from` starts the
 * update ids and customer ids elsewhere (a warm-up's updates, whose customers the measured ones must not meet).
 */
export function updateBodies(updates: number, users: number, from = { update: 0, user: 100_000 }): string[] {
  const r = rng(11);
  return Array.from({ length: updates }, (_, i) => {
    const user = from.user + Math.floor(r() * users);
    return JSON.stringify({
      update_id: 1_000_000 + from.update + i,
      message: {
        message_id: from.update + i + 1, date: Math.floor(Date.now() / 1000), text: textOf(r),
        chat: { id: user, type: 'private', first_name: `Клиент ${user}` },
        from: { id: user, is_bot: false, first_name: `Клиент ${user}` },
      },
    });
  });
}

import { rng, textOf } from './seed';

/** Telegram updates as a busy bot receives them: `users` customers writing in random order. */
export function updateBodies(updates: number, users: number): string[] {
  const r = rng(11);
  return Array.from({ length: updates }, (_, i) => {
    const user = 100_000 + Math.floor(r() * users);
    return JSON.stringify({
      update_id: 1_000_000 + i,
      message: {
        message_id: i + 1, date: Math.floor(Date.now() / 1000), text: textOf(r),
        chat: { id: user, type: 'private', first_name: `Клиент ${user}` },
        from: { id: user, is_bot: false, first_name: `Клиент ${user}` },
      },
    });
  });
}

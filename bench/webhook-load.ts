import { load } from './http-load';
import { rng, textOf } from './seed';

/** The load half of bench/profile-webhook.ts, in its own process: `webhook-load.ts <url> <updates>`. */
const [url, total] = [process.argv[2], Number(process.argv[3])];
const r = rng(11);
const bodies = Array.from({ length: total }, (_, i) => {
  const user = 100_000 + Math.floor(r() * 2000);
  return JSON.stringify({
    update_id: 1_000_000 + i,
    message: { message_id: i + 1, date: Math.floor(Date.now() / 1000), text: textOf(r), chat: { id: user, type: 'private', first_name: `K ${user}` }, from: { id: user, is_bot: false, first_name: `K ${user}` } },
  });
});
void load({ url, total, concurrency: 32, request: (i) => ({ method: 'POST', path: '/webhooks/telegram/tg', headers: { 'x-telegram-bot-api-secret-token': 'bench-webhook-secret-0123456789' }, body: bodies[i] }) })
  .then((res) => console.log(JSON.stringify(res)));

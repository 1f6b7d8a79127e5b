import { load } from './http-load';
import { updateBodies } from './telegram-updates';

/** The load half of bench/profile-webhook.ts, in its own process: `webhook-load.ts <url> <updates>`. */
const [url, total] = [process.argv[2], Number(process.argv[3])];
const bodies = updateBodies(total, 2000);
void load({ url, total, concurrency: 32, request: (i) => ({ method: 'POST', path: '/webhooks/telegram/tg', headers: { 'x-telegram-bot-api-secret-token': 'bench-webhook-secret-0123456789' }, body: bodies[i] }) })
  .then((res) => console.log(JSON.stringify(res)));

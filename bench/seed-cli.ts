import { parseArgs } from 'node:util';
import { migrate, seed } from './seed';

// npm run bench:seed -- --conversations 100000 [--messages 5] [--database sqlite:data/bench.sqlite]
const { values } = parseArgs({ options: { conversations: { type: 'string' }, messages: { type: 'string' }, database: { type: 'string' } } });
const databaseUrl = values.database ?? process.env.BENCH_DATABASE_URL ?? 'sqlite:data/bench.sqlite';
const conversations = Number(values.conversations ?? 100_000);
const messagesPerConversation = Number(values.messages ?? 5);

(async () => {
  await migrate(databaseUrl);
  const seconds = await seed(databaseUrl, { conversations, messagesPerConversation, deadlines: 'list' }, console.log);
  console.log(`${databaseUrl}: ${conversations} conversations, about ${conversations * messagesPerConversation} messages, in ${seconds.toFixed(1)} s`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});

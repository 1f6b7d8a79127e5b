import 'reflect-metadata';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { AgentsService, AGENT_ROLES, AgentRole, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@app/agents';
import { linkWhatsappWeb } from '@app/channels/whatsapp';
import { Clock } from '@app/platform/clock/clock';
import { ConfigError } from '@app/platform/config';
import { buildDataSourceOptions, parseDatabaseUrl } from '@app/platform/database/database-options';
import { openDatabase } from '@app/platform/database/open-database';
import { migrations } from '@app/platform/database/migrations';
import { signInUrl } from '../../inbox/src/api/sign-in-url.util';
import { ENTITIES } from '../../inbox/src/app.module';
import { loadAppConfig } from '../../inbox/src/load-app-config';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                                   apply database migrations
  agent create --name N --email E [--role agent|ops] [--password P | --password-stdin]
                                            create an agent and print its first API token and,
                                            without a password, a one-time sign-in link (7 days)
  agent password --agent <id|email> (--password P | --password-stdin)
                                            set an agent's password
  agent link --agent <id|email>             print a new one-time sign-in link for an agent
  token create --agent <id|email> [--label L]
                                            issue another API token for an agent
  agent list                                list agents
  whatsapp link <channelId>                 link a WhatsApp number (connection: web): scan the QR code drawn here

The database is DATABASE_URL (default sqlite:data/inbox.sqlite), as for the server.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, agent: { type: 'string' }, label: { type: 'string' }, password: { type: 'string' }, 'password-stdin': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals.join(' ');
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadAppConfig();
  if (positionals[0] === 'whatsapp') {
    if (positionals[1] !== 'link' || !positionals[2]) return fail('usage: whatsapp link <channelId>');
    const showQr = async (code: string) => console.log(await QRCode.toString(code, { type: 'terminal', small: true }));
    console.log(await linkWhatsappWeb({ config, channelId: positionals[2], showQr, log: (line) => console.log(line) }));
    return 0;
  }
  const target = parseDatabaseUrl(config.databaseUrl);
  // Ops commands run beside a live server on its SQLite file, so they do not take the server's process lock.
  const db = await openDatabase(target, buildDataSourceOptions(target, { entities: ENTITIES, migrations, sqliteSynchronous: config.sqliteSynchronous }), { holdFile: false }); // runs pending migrations
  try {
    const agents = new AgentsService(db, new Clock());
    switch (command) {
      case 'migrate':
        console.log('database is up to date');
        return 0;
      case 'agent create': {
        const role = (values.role ?? 'agent') as AgentRole;
        if (!values.name || !values.email) return fail('agent create needs --name and --email');
        if (!AGENT_ROLES.includes(role)) return fail(`--role must be one of ${AGENT_ROLES.join(', ')}`);
        const password = await passwordOption(values);
        if (password instanceof Error) return fail(password.message);
        const agent = await agents.createAgent({ name: values.name, email: values.email, role });
        const created: Record<string, unknown> = { id: agent.id, name: agent.name, email: agent.email, role: agent.role, token: await agents.issueToken(agent.id, 'cli') };
        if (password) await agents.setPassword(agent.id, password);
        else created.signInUrl = signInUrl((await agents.createSignInLink(agent.id)).secret, config);
        console.log(JSON.stringify(created, null, 2));
        return 0;
      }
      case 'agent password': {
        const match = await findAgent(agents, values.agent);
        if (!match) return fail(`no agent ${values.agent ?? '(give --agent <id|email>)'}`);
        const password = await passwordOption(values);
        if (password instanceof Error) return fail(password.message);
        if (!password) return fail('agent password needs --password or --password-stdin');
        await agents.setPassword(match.id, password);
        console.log(`password set for ${match.email}`);
        return 0;
      }
      case 'agent link': {
        const match = await findAgent(agents, values.agent);
        if (!match) return fail(`no agent ${values.agent ?? '(give --agent <id|email>)'}`);
        console.log(signInUrl((await agents.createSignInLink(match.id)).secret, config));
        return 0;
      }
      case 'token create': {
        const match = await findAgent(agents, values.agent);
        if (!match) return fail(`no agent ${values.agent ?? '(give --agent <id|email>)'}`);
        console.log(await agents.issueToken(match.id, values.label ?? 'cli'));
        return 0;
      }
      case 'agent list':
        for (const a of await agents.list()) console.log(`${a.id}\t${a.role}\t${a.email}\t${a.name}`);
        return 0;
      default:
        return fail(`unknown command "${command}"\n\n${USAGE}`);
    }
  } finally {
    await db.destroy();
  }
}

async function findAgent(agents: AgentsService, idOrEmail: string | undefined) {
  return (await agents.list()).find((a) => String(a.id) === idOrEmail || a.email === idOrEmail?.toLowerCase());
}

/** The password of --password, or the first line of stdin with --password-stdin (kept out of the shell's history); null for neither. */
async function passwordOption(values: { password?: string; 'password-stdin'?: boolean }): Promise<string | null | Error> {
  let password = values.password ?? null;
  if (values['password-stdin']) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  }
  if (password !== null && (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)) {
    return new Error(`the password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long`);
  }
  return password;
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

main(process.argv.slice(2)).then((code) => process.exit(code)).catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err?.message ?? err);
  process.exit(1);
});

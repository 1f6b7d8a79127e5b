import { AgentsService, Principal } from '@app/agents';
import { InvalidRequestError } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import type { NoteReminder } from '../attention/notes.hook';
import type { CreateMessageDto } from './dto/conversation.dto';

/** The reminder a note asks for (`remindAt`, `remindFor`), checked: only on notes, in the future, for an active agent. */
export async function noteReminder(dto: CreateMessageDto, me: Principal, agents: AgentsService, clock: Clock): Promise<NoteReminder | undefined> {
  if (dto.remindAt === undefined) {
    if (dto.remindFor !== undefined) throw new InvalidRequestError('remindFor', 'needs remindAt');
    return undefined;
  }
  if ((dto.kind ?? 'reply') !== 'note') throw new InvalidRequestError('remindAt', 'only a note carries a reminder');
  const at = new Date(dto.remindAt).getTime();
  if (at <= clock.now().getTime()) throw new InvalidRequestError('remindAt', 'must be in the future');
  const agentId = dto.remindFor ?? me.agentId;
  if (!(await agents.exists(agentId))) throw new InvalidRequestError('remindFor', `no active agent with id ${agentId}`);
  return { at, agentId };
}

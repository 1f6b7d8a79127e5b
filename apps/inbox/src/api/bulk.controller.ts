import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@app/agents';
import { BulkResult, ConflictError, InvalidRequestError, NotFoundError } from '@app/conversations';
import { BulkActions } from './bulk-actions';
import { CurrentAgent } from './current-agent.decorator';
import { BulkRequestDto } from './dto/bulk.dto';
import { createValidationPipe } from './validation.pipe';

const validation = createValidationPipe();

/** Many conversations, one action, one request: what changed, what already was so, and what was refused and why. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class BulkController {
  constructor(private readonly bulk: BulkActions) {}

  @Post('bulk')
  @HttpCode(200)
  @ApiBody({ description: '{ ids, action, …the action\'s fields }: assign { agentId }, status { status, until? }', schema: { type: 'object', example: { ids: [1, 2], action: 'status', status: 'snoozed', until: '2026-12-01T09:00:00+03:00' } } })
  @ApiOperation({ summary: 'Apply one action to many conversations; refusals are per conversation, with the reason' })
  async apply(@Body() body: unknown, @CurrentAgent() me: Principal): Promise<BulkResult> {
    const { ids, action: name, ...rest } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const request: BulkRequestDto = await validation.transform({ ids, action: name }, { type: 'body', metatype: BulkRequestDto });
    const action = this.bulk.byName[request.action];
    if (!action) throw new InvalidRequestError('action', `must be one of ${Object.keys(this.bulk.byName).join(', ')}`);
    const input = await validation.transform(rest, { type: 'body', metatype: action.input });
    await action.prepare?.(input, me);

    const result: BulkResult = { action: request.action, changed: [], unchanged: [], refused: [] };
    const unique = [...new Set(request.ids)];
    const current = await this.bulk.current(unique);
    for (const id of unique) {
      const conversation = current.get(id);
      if (!conversation) {
        result.refused.push({ id, reason: `conversation ${id} not found` });
        continue;
      }
      try {
        result[await action.apply(conversation, input, me)].push(id);
      } catch (err) {
        if (!(err instanceof InvalidRequestError || err instanceof NotFoundError || err instanceof ConflictError)) throw err;
        result.refused.push({ id, reason: err.message });
      }
    }
    return result;
  }
}

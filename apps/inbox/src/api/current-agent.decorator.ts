import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Principal } from '@app/agents';

/** The authenticated caller, set by AuthGuard. */
export const CurrentAgent = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal =>
  ctx.switchToHttp().getRequest<{ principal: Principal }>().principal);

import { SetMetadata } from '@nestjs/common';
import { AgentRole } from './agent.entity';

export const ROLES_KEY = 'inbox:roles';
export const PUBLIC_KEY = 'inbox:public';

/** Restricts a route to these roles (403 for others). Without it, any authenticated agent may call it. */
export const Roles = (...roles: AgentRole[]) => SetMetadata(ROLES_KEY, roles);

/** Marks a route that needs no API token (web chat, webhooks with their own signatures, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

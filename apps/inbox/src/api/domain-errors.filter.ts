import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { Response } from 'express';
import { DuplicateAgentError } from '@app/agents';
import { ConflictError, InvalidRequestError, NotFoundError } from '@app/conversations';

/** Maps the use cases' errors to HTTP without the use cases knowing HTTP. */
@Catch(NotFoundError, ConflictError, InvalidRequestError, DuplicateAgentError)
export class DomainErrorsFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = error instanceof NotFoundError ? HttpStatus.NOT_FOUND
      : error instanceof InvalidRequestError ? HttpStatus.BAD_REQUEST
      : HttpStatus.CONFLICT;
    response.status(status).json({
      statusCode: status,
      error: HttpStatus[status].replace(/_/g, ' ').toLowerCase().replace(/^\w/, (c) => c.toUpperCase()),
      message: error.message,
      ...(error instanceof InvalidRequestError ? { fields: [error.field] } : {}),
    });
  }
}

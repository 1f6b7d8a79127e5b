import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message: message.replace(e.property, field) }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Rejects unknown and malformed fields with 400, naming each field in `fields` and in the messages. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: problems.map((p) => p.message),
        fields: [...new Set(problems.map((p) => p.field))],
      });
    },
  });
}

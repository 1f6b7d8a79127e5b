import { INestApplication } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/platform/config';
import { createValidationPipe } from './api/validation.pipe';

/** Everything main.ts and the tests both apply to a created app, so tests run the server as shipped. */
export function configureApp(app: INestApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useWebSocketAdapter(new IoAdapter(app));
  app.enableShutdownHooks();
  if (config.role !== 'worker') {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder()
      .setTitle('Support Inbox API')
      .setDescription('One inbox for Telegram, WhatsApp, e-mail and web chat. Every /api route needs `Authorization: Bearer <token>`.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build());
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }
  return app;
}

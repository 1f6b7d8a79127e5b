import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { APP_CONFIG } from '@app/platform/config';
import { PublicThrottlerGuard } from '../api/rate-limits';
import { uploadOptions } from '../api/attachments.controller';
import { WebchatCorsMiddleware } from './webchat-cors.middleware';
import { WebchatFilesController } from './webchat-files.controller';
import { WebchatHistory } from './webchat-history.service';
import { WebchatController } from './webchat.controller';
import { WebchatVisitors } from './webchat-visitors.service';

/** The customer side of the web chat: the widget, the visitor's session and messages, files, and CORS for embedding sites. */
@Module({
  imports: [MulterModule.registerAsync({ inject: [AttachmentStore, APP_CONFIG], useFactory: uploadOptions })],
  controllers: [WebchatController, WebchatFilesController],
  providers: [WebchatVisitors, WebchatHistory, PublicThrottlerGuard],
})
export class WebchatModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WebchatCorsMiddleware).forRoutes({ path: 'webchat/*path', method: RequestMethod.ALL });
  }
}

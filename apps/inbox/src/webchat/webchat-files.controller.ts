import { Body, Controller, Get, Headers, NotFoundException, Param, PayloadTooLargeException, Post, Req, Res, UnsupportedMediaTypeException, UploadedFile, UseGuards, UseInterceptors, BadRequestException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Request, Response } from 'express';
import { Public } from '@app/agents';
import { InboundQuarantine } from '@app/conversations';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { PublicThrottlerGuard, VISITOR_LIMIT, WEBCHAT_ADDRESS_LIMIT } from '../api/rate-limits';
import { WebchatUploadDto } from '../api/dto/webchat.dto';
import { decodeUploadName } from '../api/upload-name.util';
import { StoredUpload } from '../api/upload-storage';
import { isAllowedUploadType } from './upload-type.util';
import { WebchatHistory } from './webchat-history.service';
import { ownOriginOf } from './webchat-origin.util';
import { VISITOR_TOKEN_HEADER, WebchatVisitors } from './webchat-visitors.service';

/** Files between a visitor and the agents: the visitor's uploads, and the agents' files fetched with the token. */
@ApiTags('webchat')
@Public()
@UseGuards(PublicThrottlerGuard)
@SkipThrottle({ [VISITOR_LIMIT]: true, [WEBCHAT_ADDRESS_LIMIT]: true })
@Controller('webchat')
export class WebchatFilesController {
  constructor(
    private readonly visitors: WebchatVisitors,
    private readonly history: WebchatHistory,
    private readonly inbound: InboundQuarantine,
    private readonly store: AttachmentStore,
  ) {}

  @Post('uploads')
  @SkipThrottle({ [VISITOR_LIMIT]: false, [WEBCHAT_ADDRESS_LIMIT]: false })
  @ApiHeader({ name: 'X-Visitor-Token', required: true })
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: "A visitor's file (multipart field \"file\", with clientMessageId): the channel's size limit and type allow-list; agents get it as a download" })
  @UseInterceptors(FileInterceptor('file'))
  async upload(@Body() dto: WebchatUploadDto, @UploadedFile() file: StoredUpload | undefined, @Headers(VISITOR_TOKEN_HEADER) token: string | undefined, @Req() req: Request) {
    const visitor = await this.visitors.require(token);
    this.visitors.assertOrigin(visitor.channel, req.headers.origin, ownOriginOf(req.protocol, req.headers.host));
    if (!file?.storageKey) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['file is required (multipart field "file")'], fields: ['file'] });
    const { maxBytes, types } = visitor.settings.uploads;
    // Refused files are not claimed: the upload sweeper removes them within a day.
    if (file.size > maxBytes) throw new PayloadTooLargeException(`the file is larger than this chat accepts (${maxBytes} bytes)`);
    if (!isAllowedUploadType(file.mimetype, types)) throw new UnsupportedMediaTypeException(`files of type ${file.mimetype || '(none)'} are not accepted here; allowed: ${types.join(', ')}`);
    await this.store.claim(file.storageKey);
    const name = decodeUploadName(file.originalname);
    const result = await this.inbound.receive({
      channelId: visitor.channel.id,
      externalId: `${visitor.identityKey}:${dto.clientMessageId}`,
      sender: { externalId: visitor.identityKey, name: visitor.name },
      text: '',
      attachments: [{ name, contentType: file.mimetype, size: file.size, storageKey: file.storageKey }],
      language: dto.language ?? null,
      meta: { clientMessageId: dto.clientMessageId },
    });
    if (result.quarantined) return { quarantined: true };
    return { conversationId: result.conversationId, messageId: result.messageId, duplicate: result.duplicate, name, size: file.size };
  }

  @Get('attachments/:key')
  @ApiHeader({ name: 'X-Visitor-Token', required: true })
  @ApiOperation({ summary: 'A file an agent sent to this visitor (a download, only for the visitor it was sent to)' })
  async attachment(@Param('key') key: string, @Headers(VISITOR_TOKEN_HEADER) token: string | undefined, @Req() req: Request, @Res() res: Response) {
    const visitor = await this.visitors.require(token);
    this.visitors.assertOrigin(visitor.channel, req.headers.origin, ownOriginOf(req.protocol, req.headers.host));
    const messages = await this.history.messages(visitor);
    const file = messages.filter((m) => m.direction === 'out').flatMap((m) => m.attachments ?? []).find((a) => a.storageKey === key);
    const stream = file ? this.store.open(key) : null;
    if (!file || !stream) throw new NotFoundException(`no file ${key} was sent to this visitor`);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    stream.pipe(res);
  }
}

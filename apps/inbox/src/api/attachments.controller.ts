import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, PayloadTooLargeException, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { decodeUploadName } from './upload-name.util';

/** Uploads are buffered in memory up to this hard cap; the configured attachments.maxSize is checked below it. */
const UPLOAD_CAP = 100 * 1024 * 1024;

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('api/attachments')
export class AttachmentsController {
  constructor(private readonly store: AttachmentStore, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post()
  @ApiOperation({ summary: 'Upload a file to attach to a reply (multipart field "file"); returns its storageKey' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_CAP, files: 1 } }))
  async upload(@UploadedFile() file?: { originalname: string; mimetype: string; size: number; buffer: Buffer }) {
    if (!file) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['file is required (multipart field "file")'], fields: ['file'] });
    if (file.size > this.config.attachments.maxBytes) throw new PayloadTooLargeException(`file is larger than attachments.maxSize (${this.config.attachments.maxBytes} bytes)`);
    const storageKey = await this.store.save(file.buffer);
    return { storageKey, name: decodeUploadName(file.originalname), contentType: file.mimetype || 'application/octet-stream', size: file.size };
  }

  @Get(':key')
  @ApiOperation({ summary: 'Download an attachment (always as a download, never rendered inline)' })
  download(@Param('key') key: string, @Res() res: Response): void {
    const stream = this.store.open(key);
    if (!stream) throw new NotFoundException(`attachment ${key} not found`);
    // Files from customers are untrusted: never let the browser sniff or render them in our origin.
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Disposition', 'attachment');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    stream.pipe(res);
  }
}

import { BadRequestException, Controller, Get, NotFoundException, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { MulterOptions } from '@nestjs/platform-express/multer/interfaces/multer-options.interface';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { AppConfig } from '@app/platform/config';
import { decodeUploadName } from './upload-name.util';
import { attachmentStoreEngine, StoredUpload } from './upload-storage';

/** Uploads stream to disk (never whole in memory), cut off at attachments.maxSize with 413. */
export function uploadOptions(store: AttachmentStore, config: AppConfig): MulterOptions {
  return { storage: attachmentStoreEngine(store), limits: { fileSize: config.attachments.maxBytes, files: 1 } };
}

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('api/attachments')
export class AttachmentsController {
  constructor(private readonly store: AttachmentStore) {}

  @Post()
  @ApiOperation({ summary: 'Upload a file to attach to a reply (multipart field "file"); returns its storageKey' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file'))
  upload(@UploadedFile() file?: StoredUpload) {
    if (!file?.storageKey) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['file is required (multipart field "file")'], fields: ['file'] });
    return { storageKey: file.storageKey, name: decodeUploadName(file.originalname), contentType: file.mimetype || 'application/octet-stream', size: file.size };
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

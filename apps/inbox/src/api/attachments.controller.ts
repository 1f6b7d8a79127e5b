import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('api/attachments')
export class AttachmentsController {
  constructor(private readonly store: AttachmentStore) {}

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

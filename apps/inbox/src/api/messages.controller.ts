import { Controller, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReplyService, toMessageView } from '@app/conversations';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/messages')
export class MessagesController {
  constructor(private readonly replies: ReplyService) {}

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed message again' })
  async retry(@Param('id', ParseIntPipe) id: number) {
    return toMessageView(await this.replies.retry(id));
  }
}

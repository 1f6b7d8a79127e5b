import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConversationActions, ConversationQueries } from '@app/conversations';
import { MergeContactDto } from './dto/conversation.dto';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly queries: ConversationQueries, private readonly actions: ConversationActions) {}

  @Get(':id')
  @ApiOperation({ summary: 'A contact with its identities and conversations across channels' })
  get(@Param('id', ParseIntPipe) id: number) {
    return this.queries.contact(id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge another contact (its identities and conversations) into this one' })
  async merge(@Param('id', ParseIntPipe) id: number, @Body() dto: MergeContactDto) {
    await this.actions.merge(id, dto.contactId);
    return this.queries.contact(id);
  }
}

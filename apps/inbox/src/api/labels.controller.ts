import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, Roles } from '@app/agents';
import { LabelsService } from '@app/conversations';
import { CurrentAgent } from './current-agent.decorator';
import { AddLabelDto, CreateLabelDto, UpdateLabelDto } from './dto/label.dto';

/** Labels with colours: ops define them, every agent puts them on conversations and takes them off. */
@ApiTags('labels')
@ApiBearerAuth()
@Controller('api')
export class LabelsController {
  constructor(private readonly labels: LabelsService) {}

  @Get('labels')
  @ApiOperation({ summary: 'Every label, by name' })
  async list() {
    return { items: await this.labels.list() };
  }

  @Post('labels')
  @Roles('ops')
  @ApiOperation({ summary: 'Define a label (ops); a name is unique whatever its case' })
  create(@Body() dto: CreateLabelDto) {
    return this.labels.create(dto);
  }

  @Patch('labels/:id')
  @Roles('ops')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateLabelDto) {
    return this.labels.update(id, dto);
  }

  @Delete('labels/:id')
  @Roles('ops')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a label (ops); it leaves every conversation' })
  async remove(@Param('id', ParseIntPipe) id: number) {
    await this.labels.remove(id);
  }

  @Post('conversations/:id/labels')
  @HttpCode(200)
  @ApiOperation({ summary: "Put a label on the conversation; resolves the conversation's labels" })
  async add(@Param('id', ParseIntPipe) id: number, @Body() dto: AddLabelDto, @CurrentAgent() me: Principal) {
    return { items: await this.labels.add(id, dto.labelId, me.agentId) };
  }

  @Delete('conversations/:id/labels/:labelId')
  @ApiOperation({ summary: "Take a label off the conversation; resolves the conversation's labels" })
  async take(@Param('id', ParseIntPipe) id: number, @Param('labelId', ParseIntPipe) labelId: number) {
    return { items: await this.labels.removeFrom(id, labelId) };
  }
}

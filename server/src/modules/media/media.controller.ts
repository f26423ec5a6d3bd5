import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiBinaryResponse, ApiMultipartBody } from '../../common/api-docs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Public } from '../../common/decorators';
import { DomainException } from '../../common/domain.exception';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MEDIA_KINDS, MediaKind } from './media.entity';
import { mediaError } from './media-image';
import { MediaService, UploadInput } from './media.service';
import type { IMediaUpload } from './media.types';

/** Multipart overhead allowed on top of the file itself before a request is refused unread. */
const ENVELOPE_BYTES = 64 * 1024;

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(
    private readonly media: MediaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** multipart/form-data: `file`, `clientUploadId` (field or `X-Client-Upload-Id` header), optional `kind`. */
  @Post()
  @HttpCode(201)
  @ApiMultipartBody(
    '照片或签名图片；同一 clientUploadId 重试返回同一条记录',
    {
      file: { type: 'binary', description: '图片文件（照片：JPEG/PNG/WebP/HEIF；签名：PNG）' },
      clientUploadId: {
        type: 'string',
        description: '8–64 位 A-Za-z0-9._:-，也可用 X-Client-Upload-Id 或 Idempotency-Key 请求头',
      },
      kind: {
        type: 'string',
        description: '默认 photo；document 为 PDF（如电子发票）',
        enum: ['photo', 'signature', 'document'],
      },
    },
    ['file'],
  )
  async upload(@CurrentUser() principal: Principal, @Req() request: FastifyRequest): Promise<IMediaUpload> {
    return this.media.upload(principal.userId, await this.readUpload(request));
  }

  @Get(':id')
  own(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IMediaUpload> {
    return this.media.describeOwn(principal.userId, id);
  }

  @Get(':id/content')
  @Public()
  @ApiBinaryResponse('图片（已重新编码、去除 EXIF）；签名无效或过期时 403', 'image/jpeg', 'image/png')
  content(
    @Param('id', ParseIdPipe) id: number,
    @Query('exp') exp: unknown,
    @Query('sig') sig: unknown,
    @Res() reply: FastifyReply,
  ) {
    return this.serve(id, 'content', exp, sig, reply);
  }

  @Get(':id/thumb')
  @Public()
  @ApiBinaryResponse('320 px 缩略图；签名无效或过期时 403', 'image/jpeg', 'image/png')
  thumb(
    @Param('id', ParseIdPipe) id: number,
    @Query('exp') exp: unknown,
    @Query('sig') sig: unknown,
    @Res() reply: FastifyReply,
  ) {
    return this.serve(id, 'thumb', exp, sig, reply);
  }

  private async serve(
    id: number,
    variant: 'content' | 'thumb',
    exp: unknown,
    sig: unknown,
    reply: FastifyReply,
  ): Promise<void> {
    const file = await this.media.open(id, variant, exp, sig);
    const extension = file.contentType === 'image/png' ? 'png' : file.contentType === 'application/pdf' ? 'pdf' : 'jpg';
    await reply
      .header('Content-Type', file.contentType)
      .header('Content-Length', String(file.body.length))
      .header('Cache-Control', `private, max-age=${file.maxAgeSeconds}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header(
        'Content-Disposition',
        `inline; filename="media-${id}${variant === 'thumb' ? '-thumb' : ''}.${extension}"`,
      )
      .send(file.body);
  }

  /** The file name and declared content type are ignored on purpose: only the decoded bytes count. */
  private async readUpload(request: FastifyRequest): Promise<UploadInput> {
    if (!request.isMultipart()) throw mediaError.unsupported('请以 multipart/form-data 上传文件（字段名 file）');
    const maxBytes = this.config.media.maxBytes;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) throw mediaError.tooLarge(maxBytes);
    const fields: Record<string, string> = {};
    let body: Buffer | null = null;
    let misplaced: string | null = null;
    try {
      const parts = request.parts({
        limits: { fileSize: maxBytes, files: 1, fields: 8, fieldSize: 256, parts: 10, headerPairs: 50 },
      });
      for await (const part of parts) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          if (part.fieldname === 'file') body = bytes;
          else misplaced = part.fieldname;
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw mediaError.tooLarge(maxBytes);
      if (code === 'FST_FILES_LIMIT') throw DomainException.validation('file', '每次只能上传一个文件');
      if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
        throw DomainException.validation('file', '表单字段过多');
      if (error instanceof DomainException) throw error;
      throw DomainException.validation('file', '上传的表单无法解析，请重试');
    }
    if (!body)
      throw DomainException.validation(
        'file',
        misplaced ? `文件字段名应为 file（收到 ${misplaced.slice(0, 32)}）` : '缺少文件字段 file',
      );
    const header =
      request.headers['x-client-upload-id'] ?? request.headers['idempotency-key'] ?? request.headers['clientuploadid'];
    const clientUploadId = fields.clientUploadId ?? (typeof header === 'string' ? header : '');
    const kind = (fields.kind ?? 'photo') as MediaKind;
    if (!MEDIA_KINDS.includes(kind))
      throw DomainException.validation('kind', 'kind 只能是 photo、signature 或 document');
    return { clientUploadId, kind, body };
  }
}

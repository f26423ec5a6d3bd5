import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import metadata, { operations, schemas } from './metadata';

type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, string[]>[];
};
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export const HTTP_METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

const ERROR_RESPONSES: Record<string, string> = {
  '401': '未登录或令牌无效（code UNAUTHENTICATED；访问令牌过期时 TOKEN_EXPIRED → 刷新一次后重试）',
  '403': '角色无权执行此操作（FORBIDDEN）',
  '404': '不存在或不在你的范围内（NOT_FOUND）',
  '409': '状态已变化（STATE_CONFLICT 等，details.current 为当前对象）',
  '422': '参数或业务规则不满足（VALIDATION_FAILED 时 details.fields = [{ field, message }]）',
};

const PAGE_QUERIES = new Set(['page', 'pageSize']);

/**
 * The OpenAPI document served at /api/docs (JSON: /api/docs/openapi.json). Request bodies, parameters and
 * status codes come from the DTOs through the swagger plugin's metadata; response schemas, public routes
 * and optional headers from the controllers' declared return types — all generated into src/metadata.ts
 * by scripts/openapi-metadata.mjs (a check in the unit tests fails when it is stale).
 */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  await SwaggerModule.loadPluginMetadata(metadata);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('物业报修与账单 API')
      .setDescription(
        'Repair, paid services and monthly bills for residential property management. ' +
          'Walkthrough and conventions: docs/api.md. Every error answers `{ code, message, details?, requestId }` (schema ErrorResponse). ' +
          'Sign in (POST /api/auth/password/login or /api/auth/wechat/login), then press Authorize and paste the accessToken.',
      )
      .setVersion('0.1.0')
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'accessToken from a sign-in route' },
        'bearer',
      )
      .build(),
  );
  return completeDocument(document);
}

/** Fills in what the plugin cannot know: response schemas of interface types, security, errors, optional headers. */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = {
    ...(components.schemas ?? {}),
    ...(schemas as Record<string, object>),
    ErrorResponse: errorSchema(),
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const generated = op.operationId ? operations[op.operationId] : undefined;
      op.responses ??= {};
      const success = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s)) ?? (method === 'post' ? '201' : '200');
      const ok = (op.responses[success] ??= { description: '' });
      ok.description ||= success === '204' ? '无内容' : '成功';
      if (generated?.response) {
        const json = generated.response as { type?: string };
        const textual = json.type === 'string' && !/\.json$/.test(path);
        const mediaType = textual ? (path.endsWith('.csv') ? 'text/csv' : 'text/html') : 'application/json';
        ok.content = { [mediaType]: { schema: generated.response } };
      }
      if (generated && !generated.public) op.security = [{ bearer: [] }];
      else if (generated?.public) op.security = [];
      for (const param of op.parameters ?? []) {
        if (param.in === 'header' && generated?.optionalHeaders?.includes(param.name.toLowerCase())) {
          param.required = false;
          if (param.name.toLowerCase() === 'idempotency-key') {
            param.name = 'Idempotency-Key';
            param.description =
              '可选。8–64 位 A-Za-z0-9._:-；重试时带同一个值，同一报修人得到第一次创建的工单而不是新工单';
          }
        }
        if (param.in === 'query' && PAGE_QUERIES.has(param.name)) {
          param.description ??= param.name === 'page' ? '页码，从 1 开始（默认 1）' : '每页条数，1–200（默认 20）';
        }
      }
      for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
        if (status === '401' && generated?.public) continue;
        op.responses[status] ??= {
          description,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
        };
      }
    }
  }
  return document;
}

function errorSchema(): Record<string, unknown> {
  return {
    type: 'object',
    description: '所有错误的统一格式',
    required: ['code', 'message', 'requestId'],
    properties: {
      code: {
        type: 'string',
        description: '稳定的错误码（shared/src/errors.ts），如 VALIDATION_FAILED、STATE_CONFLICT',
      },
      message: { type: 'string', description: '可直接展示给用户的中文说明' },
      details: {
        type: 'object',
        description: '附加信息；422 VALIDATION_FAILED 时为 { fields: [{ field, message }] }，409 时常含 current',
        properties: {
          fields: {
            type: 'array',
            items: {
              type: 'object',
              required: ['field', 'message'],
              properties: { field: { type: 'string' }, message: { type: 'string' } },
            },
          },
        },
        additionalProperties: true,
      },
      requestId: { type: 'string', description: '请求编号（响应头 x-request-id），报障时提供' },
    },
  };
}

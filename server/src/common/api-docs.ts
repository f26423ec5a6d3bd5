import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces } from '@nestjs/swagger';

/** A multipart/form-data body for the OpenAPI document (handlers that read the raw request). */
export function ApiMultipartBody(
  description: string,
  fields: Record<string, { type: 'string' | 'binary'; description: string; enum?: string[] }>,
  required: string[],
): MethodDecorator {
  const properties = Object.fromEntries(
    Object.entries(fields).map(([name, f]) => [
      name,
      f.type === 'binary'
        ? { type: 'string', format: 'binary', description: f.description }
        : { type: 'string', description: f.description, ...(f.enum ? { enum: f.enum } : {}) },
    ]),
  );
  return applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ description, schema: { type: 'object', properties, required } }),
  );
}

/** A route that answers bytes (images, files) rather than JSON. */
export function ApiBinaryResponse(description: string, ...mediaTypes: string[]): MethodDecorator {
  const content = Object.fromEntries(mediaTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]));
  return applyDecorators(ApiProduces(...mediaTypes), ApiOkResponse({ description, content }));
}

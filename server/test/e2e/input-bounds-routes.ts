import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, Max, validate, ValidationError } from 'class-validator';
import { LIMITS } from '@app/shared';
import type { TestApp } from '../support/test-app';

/**
 * R14's reading of the routes: every route's @Body()/@Query() DTO class from Nest's own metadata, and every bounded
 * field of it from class-validator's (nested @ValidateNested classes included). The spec: input-bounds.e2e-spec.ts.
 */

// class-transformer keeps @Type() metadata in a storage it does not export from its root; its own types describe it.
const { defaultMetadataStorage } =
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

export type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';
export interface Bound {
  path: string;
  kind: 'maxLength' | 'max' | 'min';
  limit: number;
  nonBlank: boolean;
  email?: boolean;
}
export interface RouteDto {
  key: string;
  source: 'body' | 'query';
  cls: new () => object;
}
export interface Call {
  token: string;
  url: string;
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
}
export interface Scenario {
  /** Builds a fresh valid request (fresh entities in the right state when the route consumes them). */
  prepare(): Promise<Call>;
  /** Fields whose value must also exist or match something: at the bound only "not 5xx, not a bound error". */
  lenient?: Record<string, string>;
  /** The whole route answers a business refusal for any made-up value (sign-in): "not 5xx" at the bound. */
  anyStatus?: string;
}

export const ID_MAX = LIMITS.entityId;
const storage = getMetadataStorage();

export function constraintName(meta: { type: string; constraintCls?: unknown; name?: string }): string {
  if (meta.constraintCls)
    return storage.getTargetValidatorConstraints(meta.constraintCls as never)[0]?.name ?? meta.type;
  return meta.name ?? meta.type;
}

/** Bounded fields of a DTO class, nested arrays of DTOs as `items.0.quantityMilli`. */
export function boundsOf(cls: new () => object, prefix = ''): Bound[] {
  const metas = storage.getTargetValidationMetadatas(cls, '', true, false);
  const byProp = new Map<string, typeof metas>();
  for (const m of metas) byProp.set(m.propertyName, [...(byProp.get(m.propertyName) ?? []), m]);
  const out: Bound[] = [];
  for (const [prop, list] of byProp) {
    // A text that must say something: required and @IsNotEmpty (or a non-blank @Matches).
    const nonBlank =
      !list.some((m) => m.type === 'conditionalValidation') &&
      list.some((m) => ['isNotEmpty', 'matches'].includes(constraintName(m)));
    const email = list.some((m) => constraintName(m) === 'isEmail');
    for (const m of list) {
      const name = constraintName(m);
      if (m.type === 'nestedValidation') {
        const nested = defaultMetadataStorage.findTypeMetadata(cls, prop)?.typeFunction() as
          (new () => object) | undefined;
        if (nested) out.push(...boundsOf(nested, m.each ? `${prefix}${prop}.0.` : `${prefix}${prop}.`));
        continue;
      }
      if (m.each) continue; // element bounds of id arrays: INT range, checked by their own decorators
      if (name === 'maxLength' || name === 'max' || name === 'min') {
        out.push({ path: `${prefix}${prop}`, kind: name, limit: Number(m.constraints[0]), nonBlank, email });
      }
    }
  }
  return out;
}

/** Numbers without @Max and strings without @MaxLength (or a pattern / a fixed list / an ISO date, which bound them). */
export function unboundedFields(cls: new () => object, prefix = ''): string[] {
  const metas = storage.getTargetValidationMetadatas(cls, '', true, false);
  const out: string[] = [];
  for (const prop of new Set(metas.map((m) => m.propertyName))) {
    const list = metas.filter((m) => m.propertyName === prop);
    const names = list.map((m) => `${m.each ? 'each:' : ''}${constraintName(m)}`);
    const nested = list.find((m) => m.type === 'nestedValidation');
    if (nested) {
      const type = defaultMetadataStorage.findTypeMetadata(cls, prop)?.typeFunction() as (new () => object) | undefined;
      if (type) out.push(...unboundedFields(type, `${prefix}${prop}.0.`));
      continue;
    }
    for (const each of ['', 'each:']) {
      const has = (n: string) => names.includes(`${each}${n}`);
      const bounded = ['isIn', 'matches', 'isIso8601', 'isBoolean'].some(has);
      if ((has('isInt') || has('isNumber')) && !has('max') && !bounded) out.push(`${prefix}${prop}${each ? '[]' : ''}`);
      if (has('isString') && !has('maxLength') && !bounded) out.push(`${prefix}${prop}${each ? '[]' : ''}`);
    }
  }
  return out;
}

/** What the unbounded-field check must catch. */
export class Loose {
  @IsInt() count: number;
  @IsString() text: string;
  @IsInt() @Max(5) fine: number;
}

/** Every route's @Body()/@Query() DTO class, from Nest's own route metadata. */
export function routeDtos(t: TestApp): RouteDto[] {
  const out: RouteDto[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as (new () => object) | null;
      if (!ctrl) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = (ctrl.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const url = `/api/${[base, String(path)]
          .map((p) => p.replace(/^\/+|\/+$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, ctrl, name) ?? {}) as Record<string, { index: number }>;
        const types = (Reflect.getMetadata('design:paramtypes', ctrl.prototype, name) ?? []) as unknown[];
        for (const [k, v] of Object.entries(args)) {
          const paramtype = Number(k.split(':')[0]);
          const source =
            paramtype === RouteParamtypes.BODY ? 'body' : paramtype === RouteParamtypes.QUERY ? 'query' : null;
          const cls = types[v.index] as (new () => object) | undefined;
          if (
            source &&
            typeof cls === 'function' &&
            storage.getTargetValidationMetadatas(cls, '', true, false).length
          ) {
            out.push({ key: `${verb} ${url}`, source, cls });
          }
        }
      }
    }
  }
  return out;
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    if (at[part] === undefined) throw new Error(`the scenario's valid request has no ${path}: give it one`);
    at = at[part] as Record<string, unknown>;
  }
  at[parts.at(-1)!] = value;
}

export const fieldsOf = (body: { details?: { fields?: { field: string }[] } }): string[] =>
  (body.details?.fields ?? []).map((f) => f.field.replace(/\[(\d+)\]/g, '.$1'));

export const idNamesNothing = 'an id at the INT maximum names no row: 404/422 from the service is the right answer';

export const valueAt = (b: Bound, offset: 0 | 1): unknown => {
  // An address of exactly that length (a 64-character local part, the rest a domain): text would fail @IsEmail first.
  if (b.kind === 'maxLength' && b.email) return `${'a'.repeat(64)}@${'b'.repeat(b.limit + offset - 64 - 1 - 4)}.com`;
  if (b.kind === 'maxLength') return '测'.repeat(b.limit + offset); // multi-byte: MariaDB counts characters, utf8mb4
  return b.kind === 'max' ? b.limit + offset : b.limit - offset;
};

/** What the validation pipe would say about a body or query, as field paths (items.0.quantityMilli). */
export const dtoErrors = async (cls: new () => object, plain: object): Promise<string[]> => {
  const paths = (errors: ValidationError[], parent = ''): string[] =>
    errors.flatMap((e) => [
      ...(e.constraints ? [`${parent}${e.property}`] : []),
      ...paths(e.children ?? [], `${parent}${e.property}.`),
    ]);
  return paths(
    await validate(plainToInstance(cls, structuredClone(plain)), { whitelist: true, forbidNonWhitelisted: true }),
  );
};
export const inBatches = async <T>(jobs: (() => Promise<T>)[], size: number): Promise<T[]> => {
  const out: T[] = [];
  for (let i = 0; i < jobs.length; i += size)
    out.push(...(await Promise.all(jobs.slice(i, i + size).map((job) => job()))));
  return out;
};

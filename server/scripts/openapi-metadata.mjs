#!/usr/bin/env node
// Generates server/src/metadata.ts, the input of the OpenAPI document (/api/docs):
//  1. the @nestjs/swagger plugin's metadata (its ReadonlyVisitor, the same code the Nest CLI's
//     PluginMetadataGenerator runs): request bodies and query DTOs with class-validator introspection,
//     path / query parameters, status codes — loaded with SwaggerModule.loadPluginMetadata;
//  2. response schemas derived from each controller method's declared return type (the shared
//     interfaces, e.g. Promise<IPage<ITicket>>), which the plugin cannot describe because they are
//     interfaces, not classes; and which routes are @Public() and which headers are optional.
// Why a generated file and not a compiler transformer: the server builds with plain `tsc` and tests with
// @swc/jest; neither runs TypeScript transformers, but both compile an ordinary .ts file.
//
// Usage: node scripts/openapi-metadata.mjs          (write src/metadata.ts)
//        node scripts/openapi-metadata.mjs --check  (exit 1 when the committed file is stale)
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const outFile = join(src, 'metadata.ts');

const program = ReadonlyVisitor.createTsProgram(join(root, 'tsconfig.build.json'));
const checker = program.getTypeChecker();
const NONE = '.no-such-suffix.ts';
const common = { pathToSource: src, classValidatorShim: true, introspectComments: true };
const models = new ReadonlyVisitor({
  ...common,
  dtoFileNameSuffix: ['.dto.ts', '.controller.ts'],
  controllerFileNameSuffix: [NONE],
});
const controllers = new ReadonlyVisitor({
  ...common,
  dtoFileNameSuffix: [NONE],
  controllerFileNameSuffix: ['.controller.ts'],
});
const sources = program
  .getSourceFiles()
  .filter((sf) => !sf.isDeclarationFile && sf.fileName.startsWith(src) && !sf.fileName.endsWith('metadata.ts'));
for (const sf of sources) {
  models.visit(program, sf);
  controllers.visit(program, sf);
}

// ---- response schemas from return types -------------------------------------------------------------
const schemas = {};
const HTTP = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
const decoratorName = (d) => {
  const e = d.expression;
  return ts.isCallExpression(e) ? e.expression.getText() : e.getText();
};

function schemaName(type) {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (!symbol || symbol.name === '__type' || symbol.name === '__object') return null;
  // Library helpers (Record, Partial, Omit …) are described inline, not as named schemas.
  if (symbol.declarations?.some((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()))) return null;
  const args = type.aliasTypeArguments ?? checker.getTypeArguments?.(type) ?? [];
  if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeAlias)) {
    const argNames = (type.aliasTypeArguments ?? (type.target ? checker.getTypeArguments(type) : [])).map(
      (a) => schemaName(a) ?? checker.typeToString(a).replace(/\W+/g, ''),
    );
    void args;
    return argNames.length ? `${symbol.name}_${argNames.join('_')}` : symbol.name;
  }
  return null;
}

function toSchema(type, depth = 0) {
  if (depth > 12) return {};
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    const nullable = parts.length !== type.types.length && type.types.some((t) => t.flags & ts.TypeFlags.Null);
    let schema;
    if (parts.every((t) => t.isStringLiteral())) schema = { type: 'string', enum: parts.map((t) => t.value) };
    else if (parts.every((t) => t.isNumberLiteral())) schema = { type: 'number', enum: parts.map((t) => t.value) };
    else if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLike)) schema = { type: 'boolean' };
    else if (parts.length === 1) schema = toSchema(parts[0], depth + 1);
    else schema = { oneOf: parts.map((t) => toSchema(t, depth + 1)) };
    if (!nullable) return schema;
    // OpenAPI 3.0 ignores siblings of $ref: a nullable reference is written as allOf.
    return schema.$ref ? { allOf: [schema], nullable: true } : { ...schema, nullable: true };
  }
  if (type.flags & ts.TypeFlags.StringLike)
    return type.isStringLiteral() ? { type: 'string', enum: [type.value] } : { type: 'string' };
  if (type.flags & ts.TypeFlags.NumberLike) return { type: 'number' };
  if (type.flags & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
  if (type.flags & ts.TypeFlags.Null) return { nullable: true };
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    const [item] = checker.getTypeArguments(type);
    return { type: 'array', items: item ? toSchema(item, depth + 1) : {} };
  }
  const symbol = type.getSymbol();
  if (symbol?.name === 'Date') return { type: 'string', format: 'date-time' };
  if (type.flags & ts.TypeFlags.Object || type.isIntersection()) {
    const name = type.isIntersection() ? null : schemaName(type);
    if (name && schemas[name]) return { $ref: `#/components/schemas/${name}` };
    if (name) schemas[name] = {};
    const properties = {};
    const required = [];
    for (const prop of checker.getPropertiesOfType(type)) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      const propType = decl ? checker.getTypeOfSymbolAtLocation(prop, decl) : checker.getDeclaredTypeOfSymbol(prop);
      if (propType.getCallSignatures().length) continue;
      properties[prop.name] = toSchema(propType, depth + 1);
      const doc = ts.displayPartsToString(prop.getDocumentationComment(checker)).trim();
      if (doc && !properties[prop.name].$ref) properties[prop.name].description = doc;
      if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.name);
    }
    const schema = { type: 'object', properties };
    if (required.length) schema.required = required;
    const index = checker.getIndexInfosOfType(type)[0];
    if (index) schema.additionalProperties = toSchema(index.type, depth + 1);
    if (!name) return schema;
    schemas[name] = schema;
    return { $ref: `#/components/schemas/${name}` };
  }
  return {};
}

const operations = {};
for (const sf of sources) {
  if (!sf.fileName.endsWith('.controller.ts')) continue;
  ts.forEachChild(sf, function visit(node) {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    const classDecorators = ts.getDecorators(node) ?? [];
    if (!classDecorators.some((d) => decoratorName(d) === 'Controller')) return;
    const classPublic = classDecorators.some((d) => decoratorName(d) === 'Public');
    for (const member of node.members) {
      if (!ts.isMethodDeclaration(member)) continue;
      const decorators = ts.getDecorators(member) ?? [];
      if (!decorators.some((d) => HTTP.has(decoratorName(d)))) continue;
      const signature = checker.getSignatureFromDeclaration(member);
      let result = checker.getReturnTypeOfSignature(signature);
      if (result.getSymbol()?.name === 'Promise') result = checker.getTypeArguments(result)[0] ?? result;
      const isVoid = !!(result.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined));
      const optionalHeaders = member.parameters
        .filter(
          (p) =>
            (ts.getDecorators(p) ?? []).some((d) => decoratorName(d) === 'Headers') &&
            (p.questionToken || p.initializer),
        )
        .map((p) => {
          const call = ts.getDecorators(p).find((d) => decoratorName(d) === 'Headers').expression;
          return call.arguments?.[0] && ts.isStringLiteral(call.arguments[0]) ? call.arguments[0].text : null;
        })
        .filter(Boolean);
      const paramDecorators = member.parameters.flatMap((p) => (ts.getDecorators(p) ?? []).map(decoratorName));
      const op = {
        // The handler reads a request body (a DTO, or the raw request for multipart uploads).
        body:
          paramDecorators.includes('Body') ||
          (paramDecorators.includes('Req') && !decorators.some((d) => decoratorName(d) === 'Get')),
        public: classPublic || decorators.some((d) => decoratorName(d) === 'Public'),
        response: isVoid ? null : toSchema(result),
      };
      if (result.flags & ts.TypeFlags.String) op.response = { type: 'string' };
      if (optionalHeaders.length) op.optionalHeaders = optionalHeaders;
      operations[`${node.name.text}_${member.name.getText()}`] = op;
    }
  });
}

// ---- print ------------------------------------------------------------------------------------------
// Same output format as the Nest CLI's PluginMetadataPrinter, plus two plain-data exports.
const f = ts.factory;
function assign(key, meta) {
  if (Array.isArray(meta)) {
    return f.createPropertyAssignment(
      f.createStringLiteral(key),
      f.createArrayLiteralExpression(
        meta
          .filter(([importExpr, fileMeta]) => exportsAll(importExpr, fileMeta))
          .map(([importExpr, fileMeta]) =>
            f.createArrayLiteralExpression([
              importExpr,
              f.createObjectLiteralExpression(Object.keys(fileMeta).map((k) => assign(k, fileMeta[k]))),
            ]),
          ),
      ),
    );
  }
  return f.createPropertyAssignment(
    f.createStringLiteral(key),
    ts.isExpression?.(meta) || meta?.kind !== undefined
      ? meta
      : f.createObjectLiteralExpression(Object.keys(meta).map((k) => assign(k, meta[k]))),
  );
}

/** The loader looks classes up by export name: a class that is not exported would crash it, so it is reported. */
const unexported = [];
function exportsAll(importExpr, fileMeta) {
  const rel = importExpr.arguments[0].text;
  const file = program.getSourceFile(join(src, `${rel}.ts`));
  if (!file) return true;
  const exported = new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(file)).map((s) => s.name));
  for (const cls of Object.keys(fileMeta)) {
    if (!exported.has(cls)) {
      unexported.push(`${rel}: ${cls}`);
      delete fileMeta[cls];
    }
  }
  return Object.keys(fileMeta).length > 0;
}

// Controller classes show up as empty "models" (their files are scanned for inline DTOs): drop them, the
// controllers' own metadata is loaded separately.
const modelMeta = models
  .collect()
  .models.map(([importExpr, fileMeta]) => [
    importExpr,
    Object.fromEntries(
      Object.entries(fileMeta).filter(
        ([, m]) => (ts.isObjectLiteralExpression(m) ? m.properties.length : Object.keys(m).length) > 0,
      ),
    ),
  ])
  .filter(([, fileMeta]) => Object.keys(fileMeta).length > 0);
const pluginMeta = {
  '@nestjs/swagger': {
    models: modelMeta,
    controllers: controllers.collect().controllers,
  },
};
const typeImports = { ...models.typeImports, ...controllers.typeImports };
const body = f.createExportAssignment(
  undefined,
  undefined,
  f.createArrowFunction(
    [f.createToken(ts.SyntaxKind.AsyncKeyword)],
    undefined,
    [],
    undefined,
    f.createToken(ts.SyntaxKind.EqualsGreaterThanToken),
    f.createBlock(
      [
        f.createVariableStatement(
          undefined,
          f.createVariableDeclarationList(
            [
              f.createVariableDeclaration(
                't',
                undefined,
                undefined,
                f.createObjectLiteralExpression(
                  Object.keys(typeImports)
                    .sort()
                    .map((k) =>
                      f.createPropertyAssignment(
                        f.createComputedPropertyName(f.createStringLiteral(k)),
                        f.createIdentifier(typeImports[k]),
                      ),
                    ),
                  true,
                ),
              ),
            ],
            ts.NodeFlags.Const,
          ),
        ),
        f.createReturnStatement(
          f.createObjectLiteralExpression(
            Object.keys(pluginMeta).map((k) => assign(k, pluginMeta[k])),
            true,
          ),
        ),
      ],
      true,
    ),
  ),
);
const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
const scratch = ts.createSourceFile('metadata.ts', '', ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
const sorted = (o) =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
const text = [
  '// GENERATED by `node scripts/openapi-metadata.mjs` (runs before every build) — do not edit by hand.',
  '// Input of the OpenAPI document at /api/docs; see src/openapi.ts.',
  printer.printNode(ts.EmitHint.Unspecified, body, scratch),
  '',
  '/** Response schema of each route (operation id `Controller_method`), derived from its declared return type. */',
  `export const operations: Record<string, { body: boolean; public: boolean; response: Record<string, unknown> | null; optionalHeaders?: string[] }> = ${JSON.stringify(sorted(operations), null, 2)};`,
  '',
  '/** Named schemas referenced by the responses (shared interfaces). */',
  `export const schemas: Record<string, Record<string, unknown>> = ${JSON.stringify(sorted(schemas), null, 2)};`,
  '',
].join('\n');

if (unexported.length) console.warn(`openapi-metadata: not exported, so not documented: ${unexported.join(', ')}`);
if (process.argv.includes('--check')) {
  const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  if (current !== text) {
    console.error('src/metadata.ts is out of date: run `pnpm --filter @app/server openapi:metadata` and commit it.');
    process.exit(1);
  }
  console.log('src/metadata.ts is up to date.');
} else {
  writeFileSync(outFile, text);
  console.log(`wrote ${outFile} (${Object.keys(operations).length} routes, ${Object.keys(schemas).length} schemas)`);
}

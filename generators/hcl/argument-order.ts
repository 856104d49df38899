/**
 * The order in which build code writes a resource's arguments. cdktf synthesizes them in the
 * provider binding's order (alphabetical), so main.tf would list `from_port` far from `to_port`
 * and `tags` mid-way. The build's own order is read from its source: the props object literal of
 * each `new Resource(scope, '<id>', { ... })` in src/modules, found by class name and construct id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Argument names (snake_case) in the order the build wrote them, and the same for nested blocks. */
export interface PropsOrder {
  readonly keys: readonly string[];
  readonly nested: Readonly<Record<string, PropsOrder>>;
}

/** `kmsKeyId` → `kms_key_id`, as cdktf names the Terraform argument of a prop. */
export const snakeCase = (name: string): string => name.replace(/([A-Z])/g, '_$1').toLowerCase();

/** Key of an element in the map `propsOrders` returns. */
export const orderKey = (className: string, constructId: string): string => `${className}#${constructId}`;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The props orders of every resource a file under `dir` creates with a literal id and props. */
export function propsOrders(dir: string): Map<string, PropsOrder> {
  const found = new Map<string, PropsOrder>();
  for (const file of sourceFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.arguments && node.arguments.length >= 3) {
        const [, id, props] = node.arguments;
        const className = ts.isIdentifier(node.expression)
          ? node.expression.text
          : ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : undefined;
        if (className && ts.isStringLiteralLike(id) && ts.isObjectLiteralExpression(props)) {
          // Two builds may create the same class under the same id (each module's access point):
          // their orders are merged, the first file's keys first.
          const key = orderKey(className, id.text);
          const order = orderOf(props, source);
          found.set(key, found.has(key) ? merged(found.get(key)!, order) : order);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function merged(a: PropsOrder, b: PropsOrder): PropsOrder {
  const nested: Record<string, PropsOrder> = { ...b.nested };
  for (const [k, o] of Object.entries(a.nested)) nested[k] = b.nested[k] ? merged(o, b.nested[k]) : o;
  return { keys: [...a.keys, ...b.keys.filter((k) => !a.keys.includes(k))], nested };
}

/** The object literal a spread (`...nfsRule`) stands for, when it names a const of the same file. */
function spreadLiteral(e: ts.Expression, source: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  if (!ts.isIdentifier(e)) return undefined;
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === e.text && node.initializer
      && ts.isObjectLiteralExpression(node.initializer)) found = node.initializer;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function orderOf(literal: ts.ObjectLiteralExpression, source: ts.SourceFile): PropsOrder {
  const keys: string[] = [];
  const nested: Record<string, PropsOrder> = {};
  for (const p of literal.properties) {
    if (ts.isSpreadAssignment(p)) {
      const spread = spreadLiteral(p.expression, source);
      if (spread) {
        const inner = orderOf(spread, source);
        keys.push(...inner.keys);
        Object.assign(nested, inner.nested);
      }
      continue;
    }
    if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name))) continue;
    const name = snakeCase(p.name.text);
    keys.push(name);
    let value = ts.isPropertyAssignment(p) ? p.initializer : undefined;
    if (value && ts.isArrayLiteralExpression(value)) value = value.elements[0];
    if (value && ts.isObjectLiteralExpression(value)) nested[name] = orderOf(value, source);
  }
  return { keys, nested };
}

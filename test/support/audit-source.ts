import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The server's source as syntax trees, for the tests that find what every
 * appendAudit call writes (its action codes, the keys of its before/after).
 */
const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || rel === path.join('apps', 'web') ? [] : sourceFiles(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.endsWith('.spec.ts') ? [rel] : [];
  });
}

export const files = ['apps', 'activities', 'libs', 'workflows'].flatMap(sourceFiles).map((file) => ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true));

export function calls(source: ts.SourceFile): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) out.push(n);
    n.forEachChild(visit);
  };
  visit(source);
  return out;
}

export const calleeName = (c: ts.CallExpression) => (ts.isIdentifier(c.expression) ? c.expression.text : ts.isPropertyAccessExpression(c.expression) ? c.expression.name.text : undefined);
export const where = (n: ts.Node) => `${n.getSourceFile().fileName}:${n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1}`;

/** Every appendAudit call in the source. */
export const appendAuditCalls = () => files.flatMap(calls).filter((c) => calleeName(c) === 'appendAudit');

/** The value of property `name` of an object literal (a shorthand property is its own name). */
export function property(o: ts.Expression | undefined, name: string): ts.Expression | undefined {
  if (!o || !ts.isObjectLiteralExpression(o)) return undefined;
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/** The function whose parameter `name` is (the innermost), with the parameter's position and name. */
export function parameterOf(n: ts.Node, name: string): { fn: ts.SignatureDeclaration; index: number } | undefined {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p) || ts.isArrowFunction(p) || ts.isFunctionExpression(p)) {
      const index = p.parameters.findIndex((q) => ts.isIdentifier(q.name) && q.name.text === name);
      if (index >= 0) return { fn: p, index };
    }
  }
  return undefined;
}

const functionName = (fn: ts.SignatureDeclaration) => (fn.name && ts.isIdentifier(fn.name) ? fn.name.text : undefined);

/** The calls that pass a function its arguments: in its own file for a module's private function, anywhere for an activity's method. */
export function callersOf(fn: ts.SignatureDeclaration): ts.CallExpression[] {
  const name = functionName(fn);
  if (!name) return [];
  const local = ts.isFunctionDeclaration(fn) && !fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  return (local ? [fn.getSourceFile()] : files).flatMap(calls).filter((c) => calleeName(c) === name);
}

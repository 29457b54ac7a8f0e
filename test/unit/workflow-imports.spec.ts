import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * What a new workflow evaluates when it starts: the modules its type's module
 * imports for their values, transitively (types are erased; a `require` inside a
 * function loads on first use and is not followed). Every new workflow
 * evaluates these afresh in its own scope (workflows/index.ts), so zod and the
 * form schemas built with it must not be among them.
 */
const ROOT = path.resolve(__dirname, '../..');

function resolve(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f) && statSync(f).isFile()) ?? base;
}

/** The modules `file` imports for a value at its top level. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s)) {
      const clause = s.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) out.push(resolve(file, (s.moduleSpecifier as ts.StringLiteral).text));
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && !s.isTypeOnly) {
      const only = s.exportClause && ts.isNamedExports(s.exportClause) && s.exportClause.elements.every((e) => e.isTypeOnly);
      if (!only) out.push(resolve(file, (s.moduleSpecifier as ts.StringLiteral).text));
    }
  }
  return out;
}

/** The import chain from `file` to `target`, or undefined when it is not reached. */
function chainTo(file: string, target: string): string[] | undefined {
  const previous = new Map<string, string | null>([[file, null]]);
  const queue = [file];
  while (queue.length) {
    const current = queue.shift()!;
    if (current === target) {
      const chain: string[] = [];
      for (let c: string | null = current; c; c = previous.get(c)!) chain.unshift(path.relative(ROOT, c) || c);
      return chain;
    }
    if (!current.endsWith('.ts')) continue;
    for (const next of valueImports(current)) {
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** Each registered workflow type and the module workflows/index.ts loads it from. */
function workflowModules(): Array<[string, string]> {
  const index = path.join(ROOT, 'workflows/index.ts');
  const text = readFileSync(index, 'utf8');
  return [...text.matchAll(/lazy\('(\w+)', \(\) => \(require\('([^']+)'\)/g)].map((m) => [m[1]!, resolve(index, m[2]!)]);
}

describe('what a new workflow evaluates', () => {
  const modules = workflowModules();

  it('finds every workflow type the worker registers', () => {
    expect(modules.length).toBeGreaterThanOrEqual(20);
    expect(modules.map(([name]) => name)).toEqual(expect.arrayContaining(['nominationReview', 'humanTask', 'obligationSchedule', 'wujinAssessment', 'grassrootsRecommendation']));
  });

  it.each(modules)('%s: not zod, so no form schema', (_name, file) => {
    expect(chainTo(file, 'zod')).toBeUndefined();
  });

  it('sees an import of the domain index as reaching zod (the check can fail)', () => {
    expect(chainTo(path.join(ROOT, 'libs/domain/src/index.ts'), 'zod')).toEqual(['libs/domain/src/index.ts', 'libs/domain/src/consultation-schema.ts', 'zod']);
  });
});

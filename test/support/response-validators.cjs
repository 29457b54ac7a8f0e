// Compiles, once per test run, a validator for every JSON answer the OpenAPI document describes, as
// standalone code that each end-to-end file loads in a fraction of a second. Compiling them in each
// file instead cost about a second per file, and building the document another second and a half.
// Run by global setup in a process of its own: `node response-validators.cjs <openapi.json> <out-dir>`
// writes validators.js (the code) and keys.json (operation and status → export name).
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats');
const standaloneCode = require('ajv/dist/standalone').default;

/** The key of one documented answer: `get /tasks/{id} 200`. */
const answerKey = (method, openApiPath, status) => `${method} ${openApiPath} ${status}`;

/** JSON pointer to an answer's schema inside the document registered as `openapi`. */
const schemaPointer = (method, openApiPath, status) =>
  `openapi#/paths/${openApiPath.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${status}/content/application~1json/schema`;

/** Options shared with the in-file fallback (response-conformance.ts), so both judge alike. */
const AJV_OPTIONS = { strict: false, allErrors: true };

function compile(document) {
  // Shared component schemas stay functions of their own instead of being copied into every answer's code.
  const ajv = new Ajv({ ...AJV_OPTIONS, inlineRefs: false, code: { source: true } });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi');
  const exports = {};
  const keys = {};
  for (const [openApiPath, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!response.content?.['application/json']?.schema) continue;
        const name = `answer${Object.keys(exports).length}`;
        ajv.addSchema({ $id: name, $ref: schemaPointer(method, openApiPath, status) });
        exports[name] = name;
        keys[answerKey(method, openApiPath, status)] = name;
      }
    }
  }
  return { code: standaloneCode(ajv, exports), keys };
}

if (require.main === module) {
  const [documentFile, outDir] = process.argv.slice(2);
  const { code, keys } = compile(JSON.parse(readFileSync(documentFile, 'utf8')));
  writeFileSync(path.join(outDir, 'validators.js'), code);
  writeFileSync(path.join(outDir, 'keys.json'), JSON.stringify(keys));
}

module.exports = { answerKey, schemaPointer, AJV_OPTIONS };

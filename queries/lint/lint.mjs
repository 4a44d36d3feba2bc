#!/usr/bin/env node
// Offline Neo4j 5 check of the policykg Cypher query catalog.
//
// Every *.cypher file is linted by Neo4j's own language service
// (@neo4j-cypher/language-support: ANTLR grammar + Neo4j's semantic analysis
// compiled to JS), against the graph schema in schema.json, as Cypher 5.
//
// usage: node queries/lint/lint.mjs [--strict] [--schema FILE] FILE_OR_DIR...
//
// Prints `file:line:col severity message` per diagnostic (1-based line/col).
// Exit 0: no errors. Exit 1: at least one error (with --strict, warnings such
// as an unknown label, relationship type or property count as errors).
// Exit 2: bad usage or broken setup.
//
// Directories are searched recursively for *.cypher, skipping node_modules and
// testdata (this tool's own deliberately broken samples live in
// queries/lint/testdata); name such a directory explicitly to lint it.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Imported dynamically (see the end) so a missing `npm ci` exits 2, not 1.
let isNotParamError, lintCypherQuery, parseStatementsStrs, testData;

const HERE = dirname(fileURLToPath(import.meta.url));
const USAGE =
  'usage: node queries/lint/lint.mjs [--strict] [--schema FILE] FILE_OR_DIR...';
// The queries run on Neo4j 5, whose only Cypher is CYPHER 5 (CYPHER 25 came
// with Neo4j 2025.06).
const CYPHER_VERSION = 'CYPHER 5';
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const SKIP_DIRS = new Set(['node_modules', 'testdata']);
const SCHEMA_KEYS = new Set([
  '_comment',
  'labels',
  'relationshipTypes',
  'propertyKeys',
  'graphSchema',
  'functions',
  'procedures',
]);

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = { strict: false, schema: join(HERE, 'schema.json'), paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--strict') opts.strict = true;
    else if (a === '--schema') {
      if (i + 1 >= argv.length) throw new UsageError('--schema needs a file');
      opts.schema = argv[++i];
    } else if (a.startsWith('--schema=')) opts.schema = a.slice(9);
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else opts.paths.push(a);
  }
  if (opts.paths.length === 0) throw new UsageError('no FILE_OR_DIR given');
  return opts;
}

// Built-in Neo4j function and procedure signatures. The package ships a
// catalogue dumped from a Neo4j server (its exported testData); without
// `functions` the library cannot flag an unknown function such as toLowr(),
// nor check argument counts and types. APOC and GDS are dropped: our Neo4j 5
// community container does not install them.
function builtinCatalogue() {
  const fns = testData?.mockSchema?.functions?.[CYPHER_VERSION];
  const procs = testData?.mockSchema?.procedures?.[CYPHER_VERSION];
  if (!fns || !procs) {
    throw new UsageError(
      'this @neo4j-cypher/language-support has no built-in function catalogue; ' +
        'put "functions" and "procedures" in the schema file',
    );
  }
  const keep = (obj, pred) =>
    Object.fromEntries(Object.entries(obj).filter(([, v]) => pred(v)));
  return {
    functions: { [CYPHER_VERSION]: keep(fns, (f) => f.isBuiltIn) },
    procedures: {
      [CYPHER_VERSION]: keep(procs, (p) => /^(db|dbms|tx)\./.test(p.name)),
    },
  };
}

function loadSchema(path) {
  let raw;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read schema ${path}: ${e.message}`);
  }
  // A misspelt key would silently switch a check off, so refuse unknown keys.
  for (const k of Object.keys(raw)) {
    if (!SCHEMA_KEYS.has(k)) throw new UsageError(`${path}: unknown key "${k}"`);
  }
  // The library checks labels only when both lists are given, and properties
  // only when propertyKeys is given: require all three.
  for (const k of ['labels', 'relationshipTypes', 'propertyKeys']) {
    if (!Array.isArray(raw[k]) || !raw[k].every((s) => typeof s === 'string')) {
      throw new UsageError(`${path}: "${k}" must be a list of strings`);
    }
  }
  const builtins =
    raw.functions && raw.procedures ? {} : builtinCatalogue();
  return {
    labels: raw.labels,
    relationshipTypes: raw.relationshipTypes,
    propertyKeys: raw.propertyKeys,
    ...(raw.graphSchema ? { graphSchema: raw.graphSchema } : {}),
    functions: raw.functions ?? builtins.functions,
    procedures: raw.procedures ?? builtins.procedures,
    defaultLanguage: CYPHER_VERSION,
  };
}

function collectFiles(paths) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (!SKIP_DIRS.has(name) && !name.startsWith('.')) walk(p);
      } else if (name.endsWith('.cypher')) files.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return files;
}

function position(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1).length };
}

// Checks the library does not make for a catalog file.
function catalogChecks(text) {
  const out = [];
  const stmts = parseStatementsStrs(text);
  if (stmts.length === 0) {
    out.push({ at: 0, message: 'file holds no Cypher statement' });
  } else if (stmts.length > 1) {
    // The driver runs one statement per query.
    out.push({
      at: text.indexOf(stmts[1]) + stmts[1].search(/\S|$/),
      message: `file must hold exactly one statement, found ${stmts.length}`,
    });
  }
  // The library accepts a `CYPHER 25` prefix; Neo4j 5 rejects it.
  const lead = text.match(/^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/)[0].length;
  const m = /^CYPHER\s+(\d+)\b/i.exec(text.slice(lead));
  if (m && m[1] !== '5') {
    out.push({
      at: lead,
      message: `CYPHER ${m[1]} is not available on Neo4j 5; write Cypher 5`,
    });
  }
  return out.map(({ at, message }) => ({
    severity: 1,
    range: { start: position(text, Math.max(at, 0)) },
    message,
  }));
}

function lintText(text, schema) {
  // consoleCommandsEnabled=false: `:param` and friends are Browser/cypher-shell
  // commands, not Cypher the driver can run.
  const { diagnostics } = lintCypherQuery(text, schema, {
    consoleCommandsEnabled: false,
  });
  // Catalog queries take parameters at run time, so "Parameter $x is not
  // defined" (raised for every parameter not in dbSchema.parameters) is noise.
  return [...diagnostics.filter(isNotParamError), ...catalogChecks(text)];
}

// The library swallows any exception inside Neo4j's semantic analysis and then
// reports nothing; make sure it really runs (this Node, this schema) before
// trusting a clean result.
function selfCheck(schema) {
  const got = lintText('MATCH (n) RETURN m, toLowr(n.id)', schema).map(
    (d) => d.message,
  );
  for (const want of ['Variable `m` not defined', 'Function toLowr']) {
    if (!got.some((m) => m.includes(want))) {
      throw new UsageError(
        `self-check failed: the language service did not report "${want}" ` +
          `(Node ${process.version}); got ${JSON.stringify(got)}`,
      );
    }
  }
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const schema = loadSchema(opts.schema);
  selfCheck(schema);
  const files = collectFiles(opts.paths);
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const d of lintText(text, schema)) {
      let sev = SEVERITY[d.severity] ?? 'warning';
      let msg = d.message.replace(/\s*\n\s*/g, ' ');
      if (sev !== 'error' && opts.strict) {
        msg += ` [${sev} made an error by --strict]`;
        sev = 'error';
      }
      if (sev === 'error') errors++;
      else warnings++;
      const { line, character } = d.range.start;
      console.log(`${file}:${line + 1}:${character + 1} ${sev} ${msg}`);
    }
  }
  console.error(
    `cypher-lint: ${files.length} file(s), ${errors} error(s), ${warnings} warning(s)`,
  );
  if (files.length === 0) console.error('cypher-lint: warning: no .cypher files found');
  return errors > 0 ? 1 : 0;
}

try {
  ({ isNotParamError, lintCypherQuery, parseStatementsStrs, testData } =
    await import('@neo4j-cypher/language-support').catch((e) => {
      throw new UsageError(
        `${e.message}\nrun \`npm ci --prefix ${HERE}\` first`,
      );
    }));
  process.exitCode = main();
} catch (e) {
  // Exit 2, not 1, so a crash is never mistaken for "the queries have errors".
  console.error(
    e instanceof UsageError ? `cypher-lint: ${e.message}\n${USAGE}` : e.stack,
  );
  process.exitCode = 2;
}

// Validates FHIR R4 JSON files with two independent open-source tools and
// prints one JSON report per file: {"file", "messages": [{"severity",
// "source", "location", "message"}]}. Exits 1 when any message is an error.
//
//   node validate.js FILE...
//
// FHIR.js ("fhir" on npm) checks each element against the R4 structure
// definitions: known properties only, cardinality, required elements,
// primitive formats (date, dateTime, decimal, code, id, ...) and required
// code bindings (item.type, status, enableWhen.operator, ...). It does not
// evaluate invariants, so the R4 invariants of Questionnaire and
// QuestionnaireResponse are evaluated here with HL7's FHIRPath engine
// ("fhirpath" on npm) and its R4 model, using the expressions published in
// the R4 specification.
'use strict';

const fs = require('fs');
const { Fhir } = require('fhir');
const fhirpath = require('fhirpath');
const r4 = require('fhirpath/fhir-context/r4');

// [key, severity, context, expression]; a context of null means the root.
const invariants = {
  Questionnaire: [
    ['que-0', 'warning', null, "name.exists() implies name.matches('^[A-Z]([A-Za-z0-9_]){0,254}$')"],
    ['que-1', 'error', 'Questionnaire.repeat(item)', "(type='group' implies item.empty().not()) and (type.trace('type')='display' implies item.trace('item').empty())"],
    ['que-2', 'error', null, 'descendants().linkId.isDistinct()'],
    ['que-3', 'error', 'Questionnaire.repeat(item)', "type!='display' or code.empty()"],
    ['que-4', 'error', 'Questionnaire.repeat(item)', 'answerOption.empty() or answerValueSet.empty()'],
    ['que-5', 'error', 'Questionnaire.repeat(item)', "(type ='choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' or type = 'date' or type = 'dateTime' or type = 'time' or type = 'string' or type = 'quantity') or (answerValueSet.empty() and answerOption.empty())"],
    ['que-6', 'error', 'Questionnaire.repeat(item)', "type!='display' or (required.empty() and repeats.empty())"],
    ['que-7', 'error', 'Questionnaire.repeat(item).enableWhen', "operator = 'exists' implies (answer is Boolean)"],
    ['que-8', 'error', 'Questionnaire.repeat(item)', "(type!='group' and type!='display') or initial.empty()"],
    ['que-9', 'error', 'Questionnaire.repeat(item)', "type!='display' or readOnly.empty()"],
    ['que-10', 'error', 'Questionnaire.repeat(item)', "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | 'open-choice')) or maxLength.empty()"],
    ['que-11', 'error', 'Questionnaire.repeat(item)', 'answerOption.empty() or initial.empty()'],
    ['que-12', 'error', 'Questionnaire.repeat(item)', 'enableWhen.count() > 2 implies enableBehavior.exists()'],
    ['que-13', 'error', 'Questionnaire.repeat(item)', 'repeats=true or initial.count() <= 1'],
    ['ext-1', 'error', 'Questionnaire.repeat(item).extension', 'extension.exists() != value.exists()'],
  ],
  QuestionnaireResponse: [
    ['qrs-1', 'error', 'QuestionnaireResponse.repeat(item | answer.item)', '(answer.exists() and item.exists()).not()'],
    // qrs-2 is stated in later FHIR versions and in SDC (sdcqr-2); R4
    // responses meet it too, and Firstperson's must.
    // Evaluated from the root, as SDC's sdcqr-2 does, so that the top-level
    // items are covered too.
    ['qrs-2', 'error', null, '(QuestionnaireResponse | QuestionnaireResponse.repeat(answer|item)).select(item.where(answer.value.exists()).linkId.isDistinct()).allTrue()'],
    ['qrs-3', 'error', 'QuestionnaireResponse.repeat(item | answer.item).linkId', "$this.matches('^[^\\\\s]+( [^\\\\s]+)*$')"],
  ],
};

// Every resource: no element may be empty (ele-1).
const common = [
  ['ele-1', 'error', null, "descendants().where(hasValue().not() and children().count() = 0).empty()"],
];

const options = { traceFn: () => {} }; // que-1 uses trace(); keep stdout clean

// Two gaps in FHIR.js 4.12 are closed before validating, or it would pass
// most of what matters here:
//  1. It does not follow contentReference types such as
//     "#Questionnaire.item", so nested items (every question inside a
//     section group) went unchecked. Each such property is pointed at the
//     element it references.
//  2. Its primitive format regexes are not anchored, so "2024-13-01" passed
//     as a date because "2024" matches. They are anchored here.
function makeFhir() {
  const { Constants } = require('fhir/constants');
  for (const key of Object.keys(Constants)) {
    const re = Constants[key];
    if (re instanceof RegExp && !re.source.startsWith('^')) {
      Constants[key] = new RegExp('^(?:' + re.source + ')$', re.flags);
    }
  }
  const fhir = new Fhir();
  const defs = fhir.parser.parsedStructureDefinitions;
  const find = (props, path) => {
    let current = { _properties: props };
    for (const name of path) {
      current = (current._properties || []).find((p) => p._name === name);
      if (!current) return null;
    }
    return current;
  };
  const resolve = (props, root, seen) => {
    for (const p of props || []) {
      if (seen.has(p)) continue;
      seen.add(p);
      if (typeof p._type === 'string' && p._type.startsWith('#')) {
        const path = p._type.slice(1).split('.');
        const target = path[0] === root ? find(defs[root]._properties, path.slice(1)) : null;
        if (target) {
          p._type = 'BackboneElement';
          p._properties = target._properties;
        }
      }
      resolve(p._properties, root, seen);
    }
  };
  for (const name of ['Questionnaire', 'QuestionnaireResponse']) {
    resolve(defs[name]._properties, name, new Set());
  }
  return fhir;
}
const fhirJS = makeFhir();

// falseMissingChoice recognises a FHIR.js 4.12 bug: a required choice such
// as enableWhen.answer[x] counts as missing when its value is false or 0
// (it tests the value for truthiness). The message is dropped only when the
// element is really there with a non-null value.
function falseMissingChoice(resource, m) {
  if (m.message !== 'Missing property' || !/\[x\]$/.test(m.location || '')) return false;
  const parts = m.location.split('.');
  const base = parts.pop().slice(0, -3); // "answer[x]" -> "answer"
  let node = resource;
  for (const part of parts.slice(1)) { // skip the resource type
    const match = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(part);
    if (!match || node == null) return false;
    node = node[match[1]];
    if (match[2] !== undefined) node = Array.isArray(node) ? node[Number(match[2])] : undefined;
  }
  if (node == null || typeof node !== 'object') return false;
  return Object.keys(node).some((k) => k.startsWith(base) && /^[A-Z]/.test(k.slice(base.length)) &&
    node[k] !== null && node[k] !== undefined);
}

// choiceProblems reports objects with more than one value[x] or answer[x]:
// FHIR.js checks each present element but not that only one is there.
function choiceProblems(node, path, out) {
  if (Array.isArray(node)) {
    node.forEach((n, i) => choiceProblems(n, `${path}[${i}]`, out));
  } else if (node && typeof node === 'object') {
    for (const prefix of ['value', 'answer', 'initial']) {
      const keys = Object.keys(node).filter((k) => k.startsWith(prefix) && /^[A-Z]/.test(k.slice(prefix.length)));
      if (keys.length > 1) {
        out.push({ severity: 'error', source: 'choice', location: path, message: `more than one ${prefix}[x]: ${keys.join(', ')}` });
      }
    }
    for (const [k, v] of Object.entries(node)) choiceProblems(v, `${path}.${k}`, out);
  }
  return out;
}

function evaluate(resource, expr) {
  return fhirpath.evaluate(resource, expr, null, r4, options);
}

function checkInvariants(resource) {
  const messages = [];
  const list = (invariants[resource.resourceType] || []).concat(common);
  for (const [key, severity, context, expr] of list) {
    let failing;
    try {
      if (context === null) {
        const result = evaluate(resource, expr);
        failing = result.length === 1 && result[0] === false ? ['(root)'] : [];
      } else {
        const nodes = evaluate(resource, `${context}.where((${expr}).not())`);
        failing = nodes.map((n) => (n && n.linkId) || (n && n.question) || (n && n.url) || JSON.stringify(n));
      }
    } catch (e) {
      messages.push({ severity: 'error', source: 'fhirpath', location: key, message: `could not evaluate ${key}: ${e.message}` });
      continue;
    }
    for (const where of failing) {
      messages.push({ severity, source: 'fhirpath', location: where, message: `${key} failed: ${expr}` });
    }
  }
  return messages;
}

function validateFile(file) {
  let resource;
  try {
    resource = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [{ severity: 'fatal', source: 'json', location: file, message: e.message }];
  }
  const structural = fhirJS.validate(resource, { errorOnUnexpected: true });
  const seen = new Set();
  const messages = structural.messages
    .filter((m) => !falseMissingChoice(resource, m))
    .map((m) => ({ severity: m.severity, source: 'fhir.js', location: m.location, message: m.message }))
    .filter((m) => {
      const key = JSON.stringify(m); // FHIR.js repeats a message once per choice type
      return !seen.has(key) && seen.add(key);
    });
  return messages.concat(checkInvariants(resource), choiceProblems(resource, resource.resourceType, []));
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const messages = validateFile(file);
  failed = failed || messages.some((m) => m.severity === 'error' || m.severity === 'fatal');
  process.stdout.write(JSON.stringify({ file, messages }) + '\n');
}
process.exit(failed ? 1 : 0);

import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { renderRuleTable, RULES_DOC } from '../../../scripts/validator-rules';
import { dispatchOf, VALIDATOR_RULES, type ValidatorRule } from '../../../src/validator/rules';
import { PROJECT_DIR } from '../../helpers/project';

const VALIDATOR_DIR = path.join(PROJECT_DIR, 'src', 'validator');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sources(p) : d.name.endsWith('.ts') ? [p] : [];
  });
}

interface Emitted {
  /** Rule ids written as string literals. */
  ids: Set<string>;
  /** Rule id arguments that are not literals, as `file: text`. */
  computed: string[];
  /** Issues made without a rule id, as `file:line`. */
  missing: string[];
}

/** The strings an expression can be: a literal, or either branch of a conditional of literals. */
function literals(node: ts.Expression): string[] | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literals(node.expression);
  if (ts.isConditionalExpression(node)) {
    const a = literals(node.whenTrue);
    const b = literals(node.whenFalse);
    return a && b ? [...a, ...b] : undefined;
  }
  return undefined;
}

const SEVERITIES = new Set(['fatal', 'error', 'warning', 'information']);
/** Turns an OperationOutcome back into issues: their rule id is the message id they carry, not one of its own. */
const CONVERTS_OUTCOMES = path.join(VALIDATOR_DIR, 'outcome', 'operation-outcome.ts');

/**
 * Every rule id that src/validator gives an issue: the last argument of IssueCollector.add, and the
 * `rule` of the issues written as object literals (the readers').
 */
function emittedIds(files: { file: string; text: string }[] = sources(VALIDATOR_DIR).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }))): Emitted {
  const found: Emitted = { ids: new Set(), computed: [], missing: [] };
  for (const { file, text } of files) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const where = (n: ts.Node) => `${path.relative(PROJECT_DIR, file)}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const rule = (arg: ts.Expression | undefined, at: ts.Node) => {
      if (!arg) return found.missing.push(where(at));
      // `p.rule`: the id of a problem record a rule made earlier, whose `rule` literal is counted where it is written.
      if (ts.isPropertyAccessExpression(arg) && arg.name.text === 'rule') return;
      const ids = literals(arg);
      if (ids) ids.forEach((id) => found.ids.add(id));
      else found.computed.push(`${path.relative(PROJECT_DIR, file)}: ${arg.getText(source)}`);
    };
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'add' && n.arguments.length >= 3) {
        // IssueCollector.add takes six arguments; fewer, with a severity first, is an issue without its id.
        const severity = literals(n.arguments[0]);
        if (n.arguments.length === 6 || severity?.every((s) => SEVERITIES.has(s))) rule(n.arguments[5], n);
      }
      // A problem record (`{ rule: 'XHTML_URL_INVALID', ... }`) that becomes an issue later.
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'rule') literals(n.initializer)?.forEach((id) => found.ids.add(id));
      if (ts.isObjectLiteralExpression(n)) {
        const names = n.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''));
        if (names.includes('severity') && names.includes('message') && file !== CONVERTS_OUTCOMES) {
          const r = n.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'rule');
          // A spread of an issue (`{ ...text, position }`) keeps the rule of the issue spread.
          if (!r && !n.properties.some(ts.isSpreadAssignment)) found.missing.push(where(n));
          else if (r && ts.isPropertyAssignment(r)) rule(r.initializer, r);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
  }
  return found;
}

describe('the validator rule table (src/validator/rules/index.ts)', () => {
  const registered = VALIDATOR_RULES.flatMap((r) => r.ids);
  const emitted = emittedIds();

  it('gives every family a name, a one-line description, a link into FHIR R5 and its ids, each id in one family only', () => {
    for (const rule of VALIDATOR_RULES) {
      expect(rule.name, rule.name).to.match(/^[a-z][a-z0-9-]*$/);
      expect(rule.checks, rule.name).to.match(/^\S.{19,250}$/);
      expect(rule.checks, rule.name).to.not.include('\n');
      expect(rule.spec, rule.name).to.match(/^https:\/\/hl7\.org\/fhir\/R5\/[a-z0-9-]+\.html(#[A-Za-z0-9._-]+)?$/);
      expect(rule.ids.length > 0 || !!rule.dynamicIds, `${rule.name} has no ids`).to.equal(true);
      // A family either handles walker events or says where else it runs.
      expect(Object.keys(rule.hooks).length > 0 || !!rule.runsIn, `${rule.name} runs nowhere`).to.equal(true);
    }
    expect(new Set(VALIDATOR_RULES.map((r) => r.name)).size).to.equal(VALIDATOR_RULES.length);
    expect(new Set(registered).size, 'an id is in two families').to.equal(registered.length);
  });

  it('registers every rule id that src/validator gives an issue, and only those', () => {
    expect(emitted.ids.size).to.be.greaterThan(40);
    expect([...emitted.ids].filter((id) => !registered.includes(id)).sort(), 'emitted but not in the table').to.deep.equal([]);
    expect(registered.filter((id) => !emitted.ids.has(id)).sort(), 'in the table but never emitted').to.deep.equal([]);
  });

  it('gives every issue a rule id; only the constraints rule computes one (the constraint key), as its entry says', () => {
    expect(emitted.missing, 'issues without a rule id').to.deep.equal([]);
    expect(emitted.computed).to.deep.equal(['src/validator/rules/constraints.ts: c.key', 'src/validator/rules/constraints.ts: c.key']);
    expect(VALIDATOR_RULES.filter((r) => r.dynamicIds).map((r) => r.name)).to.deep.equal(['constraints']);
  });

  it('finds an unregistered id and an issue without one (the scan itself)', () => {
    const file = path.join(VALIDATOR_DIR, 'probe.ts');
    const text = "out.add('error', 'value', 'm', e, site, 'not-registered');\nout.add('error', 'value', 'm', e);\nconst i = { severity: 'fatal', code: 'invalid', message: 'm' };";
    const found = emittedIds([{ file, text }]);
    expect([...found.ids]).to.deep.equal(['not-registered']);
    expect(found.missing).to.deep.equal(['src/validator/probe.ts:2', 'src/validator/probe.ts:3']);
  });

  it('keeps rule logic out of the walker: instance-walker.ts reports no issue of its own', () => {
    const walker = fs.readFileSync(path.join(VALIDATOR_DIR, 'instance-walker.ts'), 'utf8');
    expect(walker).to.not.match(/\.add\(\s*'(fatal|error|warning|information)'/);
  });

  it('has one rule for each event that decides something (an extension\'s definition, the slices of items)', () => {
    const extra: ValidatorRule = { name: 'second-slicing', ids: ['x'], checks: 'a second slicing rule, which the table refuses', spec: 'https://hl7.org/fhir/R5/profiling.html', hooks: { sliced: () => [] } };
    expect(() => dispatchOf([...VALIDATOR_RULES, extra])).to.throw(/two rules handle "sliced"/);
  });

  it('is listed in docs/validator-rules.md, up to date (npm run rules-doc writes it)', () => {
    expect(fs.readFileSync(RULES_DOC, 'utf8')).to.equal(renderRuleTable());
  });
});

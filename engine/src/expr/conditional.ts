// HCL's conditional `c ? a : b`: both results are evaluated (errors of the one not taken are
// dropped, as HCL drops their diagnostics), their types unified as cty unifies them (unsafe
// conversions allowed), and the chosen result converted to that type: `true ? 1 : "a"` is the
// string "1", `true ? [] : [1]` a list of number. Results with no common type are an error.
import { conditionalMismatch, ConversionError, convert, typeOf, unify, type CtyType } from '../cty';
import { isUnknown, Unknown, type Value } from '../values';
import { toBool } from './convert';
import { check, ev, fail, type Env } from './evaluate';
import { ExprError, type Expr } from './parse';

type Outcome = { value: Value } | { error: ExprError };

function attempt(e: Expr, env: Env): Outcome {
  try {
    return { value: ev(e, env) };
  } catch (err) {
    if (err instanceof ExprError) return { error: err };
    throw err;
  }
}

export function conditional(e: Expr & { kind: 'conditional' }, env: Env): Value {
  const c = ev(e.cond, env);
  const yes = attempt(e.then, env);
  const no = attempt(e.else, env);
  // a result that failed has a value of unknown type: nothing to unify with
  const tType: CtyType = 'value' in yes ? typeOf(yes.value) : 'dynamic';
  const fType: CtyType = 'value' in no ? typeOf(no.value) : 'dynamic';
  let resultType: CtyType = 'dynamic';
  if ('value' in yes && 'value' in no && yes.value !== null && no.value !== null && tType !== 'dynamic' && fType !== 'dynamic') {
    const unified = unify([tType, fType], true);
    if (unified === null) {
      const detail = `The true and false result expressions must have consistent types. ${conditionalMismatch(tType, fType)}.`;
      fail(e, 'Inconsistent conditional result types', detail);
    }
    resultType = unified;
  }
  if (isUnknown(c)) return Unknown;
  const taken = check(e, 'Invalid condition', () => toBool(c, 'the condition'));
  const outcome = taken ? yes : no;
  if ('error' in outcome) throw outcome.error;
  if (resultType === 'dynamic') return outcome.value;
  try {
    return convert(outcome.value, resultType);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    return fail(e, 'Inconsistent conditional result types', `The ${taken} result value has the wrong type: ${err.message}`);
  }
}

/**
 * `KEY=VALUE` arguments checked against a contract schema (src/shared/contract.ts): the CLI
 * accepts exactly what the UI may send. Each value is read as the type the schema wants (number,
 * on/off, comma-separated list, one of a set); an unknown key, a value of the wrong type or one
 * out of range is a UsageError that names what is allowed.
 */
import type { z } from 'zod';
import { UsageError } from './command';

type Field = z.ZodType & {
  def: { type: string };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  options?: readonly string[];
  unwrap?: () => Field;
};

const TRUE = ['on', 'true', 'yes', '1'];
const FALSE = ['off', 'false', 'no', '0'];

function unwrapped(field: Field): Field {
  let f = field;
  while (f.def.type === 'optional' || f.def.type === 'nullable') f = (f.unwrap as () => Field)();
  return f;
}

/** What a field accepts, in words: "a number from 0 to 1", "on or off", "one of x, y". */
export function allowedValues(field: Field): string {
  const f = unwrapped(field);
  switch (f.def.type) {
    case 'number': {
      const what = f.isInt ? 'a whole number' : 'a number';
      const min = f.minValue ?? null;
      const max =
        f.maxValue !== null && f.maxValue !== undefined && f.maxValue < 1e15 ? f.maxValue : null;
      if (min !== null && max !== null) return `${what} from ${min} to ${max}`;
      if (min !== null) return `${what} of at least ${min}`;
      return max !== null ? `${what} up to ${max}` : what;
    }
    case 'boolean':
      return 'on or off';
    case 'enum':
      return `one of ${(f.options ?? []).join(', ')}`;
    case 'array':
      return 'a comma-separated list (empty to clear)';
    default:
      return 'text';
  }
}

/** The raw text read as the type the field wants; undefined when it cannot be. */
function convert(field: Field, raw: string): unknown {
  const f = unwrapped(field);
  switch (f.def.type) {
    case 'number':
      return raw.trim() === '' ? undefined : Number(raw);
    case 'boolean': {
      const word = raw.trim().toLowerCase();
      if (TRUE.includes(word)) return true;
      return FALSE.includes(word) ? false : undefined;
    }
    case 'array':
      return raw.trim() === '' ? [] : raw.split(',').map((s) => s.trim());
    default:
      return raw;
  }
}

/**
 * `pairs` ("key=value") as a patch the schema accepts. `schema` is a (partial) strict object;
 * `what` names the things being set in messages ("setting").
 */
export function parseKeyValues<S extends z.ZodObject>(
  schema: S,
  pairs: string[],
  what = 'setting',
): z.infer<S> {
  const shape = schema.shape as Record<string, Field>;
  const keys = Object.keys(shape);
  const patch: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`expected KEY=VALUE, not "${pair}"`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!field) throw new UsageError(`unknown ${what} "${key}" (one of ${keys.join(', ')})`);
    const value = convert(field, raw);
    const checked = value === undefined ? null : field.safeParse(value);
    if (!checked?.success)
      throw new UsageError(`${key} must be ${allowedValues(field)}, not "${raw}"`);
    patch[key] = checked.data;
  }
  const whole = schema.safeParse(patch);
  if (!whole.success) throw new UsageError(whole.error.issues.map((i) => i.message).join('; '));
  return whole.data;
}

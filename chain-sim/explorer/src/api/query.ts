// Query parameters as Grid Proxy reads them: each endpoint declares its own, of a kind; an unknown
// parameter, a value of the wrong kind or one given twice is a 400 naming it. Lists are
// comma-separated or repeated (status=up,standby or farm_ids=1&farm_ids=2).
import { badRequest } from './http-error';

export type Kind = 'uint' | 'bool' | 'string' | 'uint-list' | 'string-list' | readonly string[];
export type ParamSpec = Record<string, Kind>;
export type Parsed = Record<string, number | boolean | string | number[] | string[] | undefined>;

/** The largest page the API serves. */
export const MAX_PAGE_SIZE = 1000;

export const PAGING: ParamSpec = { page: 'uint', size: 'uint', ret_count: 'bool', sort_by: 'string', sort_order: ['asc', 'desc'] };

export interface Paging {
  page: number;
  size: number;
  retCount: boolean;
  sortBy?: string;
  descending: boolean;
}

function one(name: string, kind: Kind, raw: string): number | boolean | string {
  if (kind === 'uint' || kind === 'uint-list') {
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
      throw badRequest(`query parameter ${name} must be a whole number (at most 2^53 - 1), not ${JSON.stringify(raw)}`);
    }
    return Number(raw);
  }
  if (kind === 'bool') {
    if (raw !== 'true' && raw !== 'false') throw badRequest(`query parameter ${name} must be true or false, not ${JSON.stringify(raw)}`);
    return raw === 'true';
  }
  if (Array.isArray(kind)) {
    const lower = raw.toLowerCase();
    if (!kind.includes(lower)) throw badRequest(`query parameter ${name} must be one of ${kind.join(', ')}, not ${JSON.stringify(raw)}`);
    return lower;
  }
  return raw;
}

export function parseQuery(params: URLSearchParams, spec: ParamSpec, path: string): Parsed {
  const out: Parsed = {};
  for (const name of new Set(params.keys())) {
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!kind)
      throw badRequest(`unknown query parameter ${JSON.stringify(name)} for ${path}; it takes ${Object.keys(spec).sort().join(', ')}`);
    const values = params.getAll(name);
    if (kind === 'uint-list' || kind === 'string-list') {
      const items = values.flatMap((v) => v.split(',')).filter((v) => v !== '');
      out[name] = items.map((v) => one(name, kind, v)) as number[] | string[];
      continue;
    }
    if (values.length > 1) throw badRequest(`query parameter ${name} is given ${values.length} times; give it once`);
    if (values[0] === '') continue; // an empty value is no filter, as the clients send it
    out[name] = one(name, kind, values[0]);
  }
  return out;
}

export function paging(q: Parsed, sortable: readonly string[]): Paging {
  const page = (q.page as number | undefined) ?? 1;
  const size = (q.size as number | undefined) ?? 50;
  if (page < 1) throw badRequest(`page must be 1 or more, not ${page}`);
  if (size < 1 || size > MAX_PAGE_SIZE) throw badRequest(`size must be from 1 to ${MAX_PAGE_SIZE}, not ${size}`);
  const sortBy = q.sort_by as string | undefined;
  if (sortBy !== undefined && !sortable.includes(sortBy))
    throw badRequest(`sort_by ${JSON.stringify(sortBy)} is not sortable here; use one of ${sortable.join(', ')}`);
  return { page, size, retCount: q.ret_count === true, sortBy, descending: q.sort_order === 'desc' };
}

/** The page of `items` sorted by `key` (asc, or desc), with the count headers when asked. */
export function pageOf<T>(items: T[], p: Paging, key: (item: T) => number | string): { body: T[]; headers: Record<string, string> } {
  const sorted = [...items].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return p.descending ? -c : c;
  });
  const body = sorted.slice((p.page - 1) * p.size, p.page * p.size);
  if (!p.retCount) return { body, headers: {} };
  return { body, headers: { count: String(items.length), size: String(p.size), pages: String(Math.ceil(items.length / p.size)) } };
}

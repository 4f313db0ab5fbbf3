import type { Hook } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { AppError } from './app-error';
import type { AppBindings } from './types';

export interface FieldIssue {
  field: string;
  message: string;
}

type Issue = ZodError['issues'][number];

/** Where a value came from, as a client names it: the JSON or form body is "body", not "json". */
/** How a message names the part of the request that failed validation. */
export const PLACE: Record<string, string> = { json: 'body', form: 'body', query: 'query', param: 'path', header: 'header', cookie: 'cookie' };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const fieldName = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : '(root)');

/**
 * zod's issues in words a client can act on: a missing field "is required" (zod says "expected string,
 * received undefined"), and each unknown field is named on its own. `input` is what was validated.
 */
function describeIssue(issue: Issue, input: unknown): FieldIssue[] {
  if (issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
    return [{ field: fieldName(issue.path), message: 'is required' }];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), message: 'is not a field of this request' }));
  }
  return [{ field: fieldName(issue.path), message: issue.message.replace(/^Invalid input: /, '') }];
}

export function fieldIssues(error: ZodError, input?: unknown): FieldIssue[] {
  return error.issues.flatMap((issue) => describeIssue(issue, input));
}

/** zod failures from any route come out as 422 in the one error shape, naming each bad field. */
export const validationHook: Hook<unknown, AppBindings, string, unknown> = (result) => {
  if (result.success) return;
  const input = (result as { data?: unknown }).data;
  const issues = fieldIssues(result.error as ZodError, input);
  const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  throw new AppError({
    code: 'validation_failed',
    message: `Invalid ${PLACE[result.target] ?? result.target}: ${summary}`,
    details: issues,
  });
};

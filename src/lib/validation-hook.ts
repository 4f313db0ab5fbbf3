import type { Hook } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { AppError } from './app-error';
import type { AppBindings } from './types';

export interface FieldIssue {
  field: string;
  message: string;
}

export function fieldIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(root)',
    message: issue.message,
  }));
}

/** zod failures from any route come out as 422 in the one error shape, naming each bad field. */
export const validationHook: Hook<unknown, AppBindings, string, unknown> = (result) => {
  if (result.success) return;
  const issues = fieldIssues(result.error as ZodError);
  const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  throw new AppError({
    code: 'validation_failed',
    message: `Invalid ${result.target}: ${summary}`,
    details: issues,
  });
};

import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import document from '../../client/openapi.json';

// client/openapi.json is the served document (test/worker/openapi.happy.test.ts compares them), checked here
// against the OpenAPI 3.1 specification's own JSON Schema by a validator that knows nothing of zod.
describe('client/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, every $ref resolving', async () => {
    const validator = new Validator();
    const result = await validator.validate(document as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });
});

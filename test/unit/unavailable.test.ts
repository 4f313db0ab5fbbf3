import { describe, expect, it } from 'vitest';
import { isServiceUnavailable } from '../../src/lib/unavailable';

const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select "socket" from t\nparams: '), { cause });

describe('isServiceUnavailable', () => {
  it.each([
    [new Error('Network connection lost.')],
    [wrapped(new Error('Connection terminated unexpectedly'))],
    [wrapped(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))],
    [wrapped(Object.assign(new Error('the database system is shutting down'), { code: '57P01' }))],
    [wrapped(Object.assign(new Error('too many connections'), { code: '53300' }))],
    [new TypeError('fetch failed')],
  ])('%s is an outage', (err) => {
    expect(isServiceUnavailable(err)).toBe(true);
  });

  it.each([
    [wrapped(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))],
    [wrapped(Object.assign(new Error('relation "socket" does not exist'), { code: '42P01' }))],
    [new Error('Failed query: select timeout from websocket_things')],
    [new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a string'],
  ])('%s is a bug, not an outage', (err) => {
    expect(isServiceUnavailable(err)).toBe(false);
  });
});

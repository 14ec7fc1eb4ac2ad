// The error a promise rejects with, for tests that inspect it property by property.
import assert from 'node:assert/strict';

/** Resolves with what `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

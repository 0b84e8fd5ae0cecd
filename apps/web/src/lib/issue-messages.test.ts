import { describe, expect, it } from 'vitest';
import { fieldWords, humanIssueMessage, withField } from './issue-messages.ts';

describe('validation messages people read', () => {
  it('turns Zod’s wording into short phrases after the field name', () => {
    expect(humanIssueMessage('Invalid input: expected object, received undefined')).toBe('is required');
    expect(humanIssueMessage('Invalid input: expected string, received null')).toBe('is required');
    expect(humanIssueMessage('Invalid input: expected number, received string')).toBe('must be a number');
    expect(humanIssueMessage('Too small: expected string to have >=1 characters')).toBe('cannot be empty');
    expect(humanIssueMessage('Too big: expected string to have <=200 characters')).toBe('must be at most 200 characters');
    expect(humanIssueMessage('Too small: expected number to be >=1')).toBe('must be at least 1');
    expect(humanIssueMessage('Too small: expected array to have >=1 items')).toBe('needs at least one');
    expect(humanIssueMessage('Invalid option: expected one of "daily"|"lifetime"')).toBe('must be one of daily, lifetime');
    expect(humanIssueMessage('Invalid email address')).toBe('is not a valid email address');
    expect(humanIssueMessage('Invalid UUID')).toBe('is not a valid id');
    expect(humanIssueMessage('Unrecognized key: "extra"')).toBe('has fields Adloop does not know: extra');
  });

  it('leaves the server’s own sentences alone', () => {
    expect(humanIssueMessage('is below the minimum of $1.00')).toBe('is below the minimum of $1.00');
    expect(humanIssueMessage('must be on or before until')).toBe('must be on or before until');
  });

  it('names a field by its last named part, in words', () => {
    expect(fieldWords('changes.0.amountMicros')).toBe('Amount micros');
    expect(fieldWords('reporting_currency')).toBe('Reporting currency');
    expect(fieldWords('name')).toBe('Name');
  });

  it('puts the field before a phrase, and leaves a sentence as it is', () => {
    expect(withField('organizationName', 'is required')).toBe('Organization name is required');
    expect(withField('objective', 'Objective must be one of Traffic, Reach.')).toBe('Objective must be one of Traffic, Reach.');
  });
});

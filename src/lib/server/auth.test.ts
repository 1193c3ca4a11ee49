import { describe, expect, it } from 'vitest';
import { checkBearer } from './auth.ts';

describe('checkBearer', () => {
	it('refuses everything when no token is configured', () => {
		expect(checkBearer('Bearer anything', null)).toBe('disabled');
	});
	it('accepts only the exact token', () => {
		expect(checkBearer('Bearer s3cret', 's3cret')).toBe('ok');
		expect(checkBearer('bearer   s3cret', 's3cret')).toBe('ok');
		expect(checkBearer('Bearer s3cret2', 's3cret')).toBe('wrong');
		expect(checkBearer('Bearer s3cre', 's3cret')).toBe('wrong');
		expect(checkBearer('Basic czNjcmV0', 's3cret')).toBe('missing');
		expect(checkBearer(null, 's3cret')).toBe('missing');
		expect(checkBearer('Bearer ', 's3cret')).toBe('missing');
	});
});

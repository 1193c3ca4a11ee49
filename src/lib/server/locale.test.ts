import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, pickLocale } from './locale.ts';

describe('pickLocale', () => {
	it('defaults when the header is missing or useless', () => {
		expect(pickLocale(null)).toBe(DEFAULT_LOCALE);
		expect(pickLocale('')).toBe(DEFAULT_LOCALE);
		expect(pickLocale('*')).toBe(DEFAULT_LOCALE);
		expect(pickLocale('!!!, ;;;')).toBe(DEFAULT_LOCALE);
	});
	it('takes the highest-quality supported tag', () => {
		expect(pickLocale('fr-CH, fr;q=0.9, en;q=0.8')).toBe('fr-CH');
		expect(pickLocale('en;q=0.5, es-MX;q=0.9')).toBe('es-MX');
	});
	it('ignores tags with q=0', () => {
		expect(pickLocale('de;q=0, ja')).toBe('ja');
	});
});

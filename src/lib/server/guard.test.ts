import { describe, expect, it } from 'vitest';
import {
	FORM_BODY_LIMIT,
	ICS_BODY_LIMIT,
	bodyLimit,
	limitRouteOf,
	loginRedirect,
	safeNext
} from './guard.ts';

describe('safeNext', () => {
	it('keeps same-origin paths with their query', () => {
		for (const ok of ['/', '/plan', '/items/riyadh-meeting-2024/edit', '/find?zone=Europe%2FParis'])
			expect(safeNext(ok)).toBe(ok);
	});

	it('sends everything else home', () => {
		for (const bad of [
			null,
			undefined,
			42,
			'',
			'plan',
			'//evil.example',
			'/\\evil.example',
			'\\\\evil.example',
			'https://evil.example',
			'javascript:alert(1)',
			'/%2F%2Fevil.example',
			'/%2f/evil.example',
			'/%5Cevil.example',
			'/plan%0d%0aSet-Cookie:%20x=1',
			'/plan\r\nx',
			'/pl\tan',
			'/%09',
			'/a b',
			'/café',
			'/caf%C3%A9',
			'/%E2%80%AEgro.live',
			'/%',
			'/a/../b',
			'/..',
			'/me/' + 'A'.repeat(43),
			'/feeds/people/' + 'A'.repeat(43) + '.ics',
			'/login/setup/' + 'A'.repeat(43),
			'/x'.repeat(1001)
		])
			expect(safeNext(bad), JSON.stringify(bad)).toBe('/');
	});
});

describe('loginRedirect', () => {
	it('carries the path back, unless it holds a secret', () => {
		expect(loginRedirect(new URL('http://h/plan?x=1'))).toBe('/login?next=%2Fplan%3Fx%3D1');
		const token = 'B'.repeat(43);
		for (const path of [`/me/${token}`, `/feeds/people/${token}.ics`, `/login/setup/${token}`])
			expect(loginRedirect(new URL(`http://h${path}`))).toBe('/login');
	});
});

describe('limitRouteOf', () => {
	it('gives start.js the same limits as the matched routes', () => {
		const limit = (path: string, search: string) => bodyLimit(limitRouteOf(path), search, 5e6);
		expect(limit('/api/plan', '')).toBe(5e6);
		expect(limit('/plan/file', '?/preview')).toBe(5e6);
		expect(limit('/me/abc', '?/importIcs')).toBe(ICS_BODY_LIMIT);
		expect(limit('/me/abc', '?/busy')).toBe(FORM_BODY_LIMIT);
		expect(limit('/login', '?/signIn')).toBe(FORM_BODY_LIMIT);
		expect(limit('/api/plan/x', '')).toBe(FORM_BODY_LIMIT);
	});
});

import { describe, expect, it } from 'vitest';
import { clashPage, encodeCursor, MAX_PAGE_LIMIT, parsePageQuery } from './clash-page.ts';
import { findClashes } from './clashes.ts';
import { generatePlan } from './plan-generator.test-helper.ts';
import { indexPlan } from './plan-index.ts';
import { PlanFile } from './schema.ts';

const query = (q: string) => {
	const parsed = parsePageQuery(new URLSearchParams(q));
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.query;
};

describe('clash pages', () => {
	const plan = PlanFile.parse(
		generatePlan({ people: 20, items: 60, assignments: 200, busy: 120, days: 60 }, 11)
	);
	const index = indexPlan(plan);
	const all = findClashes(index);

	it('walk the whole list once, in order, with a cursor from each page', () => {
		expect(all.length).toBeGreaterThan(40);
		const seen: string[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const page = clashPage(index, all, query(`limit=7${cursor ? `&cursor=${cursor}` : ''}`));
			expect(page.total).toBe(all.length);
			expect(page.start).toBe(seen.length);
			seen.push(...page.clashes.map((c) => c.id));
			cursor = page.nextCursor;
			pages++;
		} while (cursor !== null && pages < 1000);
		expect(seen).toEqual(all.map((c) => c.id));
		expect(new Set(seen).size).toBe(all.length);
		expect(pages).toBe(Math.ceil(all.length / 7));
	});

	it('defaults to 200 and says where the next page starts only when there is one', () => {
		const first = clashPage(index, all, query(''));
		expect(first.clashes).toHaveLength(Math.min(200, all.length));
		expect(first.nextCursor === null).toBe(all.length <= 200);
		const whole = clashPage(index, all, query(`limit=${MAX_PAGE_LIMIT}`));
		expect(whole.nextCursor).toBeNull();
	});

	it('keeps its place when the plan changes before the cursor', () => {
		const first = clashPage(index, all, query('limit=10'));
		const next = clashPage(index, all, query(`limit=10&cursor=${first.nextCursor}`));
		// Resolve three clashes of the first page: the next page still starts at the same clash.
		const fewer = all.filter((c) => !first.clashes.slice(0, 3).includes(c));
		const again = clashPage(index, fewer, query(`limit=10&cursor=${first.nextCursor}`));
		expect(again.clashes.map((c) => c.id)).toEqual(next.clashes.map((c) => c.id));
	});

	it('refuses bad limits and cursors with a sentence', () => {
		for (const bad of [
			'limit=0',
			'limit=1001',
			'limit=-1',
			'limit=1e2',
			'limit=abc',
			'limit=2.5'
		]) {
			const r = parsePageQuery(new URLSearchParams(bad));
			expect(r.ok, bad).toBe(false);
			if (!r.ok) expect(r.error).toMatch(/limit=.* is not a whole number from 1 to 1000/);
		}
		for (const bad of [
			'cursor=!!',
			`cursor=${'A'.repeat(2000)}`,
			'cursor=aGVsbG8',
			`cursor=${encodeCursor('Z')}`
		]) {
			const r = parsePageQuery(new URLSearchParams(bad));
			expect(r.ok, bad).toBe(false);
			if (!r.ok) expect(r.error).toContain('is not a cursor');
		}
	});
});

/**
 * The store's versions as readers see them around a write, on a real database file: while a big
 * write runs and its version is prepared, readers keep the version before and are answered at
 * once; the new version is seen only once what derived.ts warms is built on it; the writer reads
 * what it wrote. A small write is not prepared: its first reader builds what it reads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'iww-store-'));
process.env.DATABASE_PATH = join(dir, 'plan.db');
process.env.ORGANIZER_PASSWORD = 'a long enough organizer password';
const store = await import('./store.ts');
const { warmEachVersion } = await import('./derived.ts');

/** Versions a warmer ran on, in order. */
const warmed: number[] = [];
warmEachVersion(function* (snapshot) {
	yield;
	warmed.push(snapshot.version);
});

beforeAll(async () => {
	await store.getStore();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const periods = (n: number, prefix: string) =>
	Array.from({ length: n }, (_, i) => ({
		id: `${prefix}-${i}`,
		when: {
			type: 'timed' as const,
			start: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z`,
			end: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
			zone: 'UTC'
		},
		reason: 'Busy',
		visibility: 'private' as const
	}));

describe('readers around a write', () => {
	it('keep the version before until the new one is warmed, without waiting for the write', async () => {
		const before = await store.currentPlan();
		const person = before.plan.people[0]!.id;
		const seen: { version: number; warmedYet: boolean; ms: number }[] = [];
		let done = false;
		const reading = (async () => {
			while (!done) {
				const t0 = performance.now();
				const { version } = await store.currentPlan();
				seen.push({ version, warmedYet: warmed.includes(version), ms: performance.now() - t0 });
				await new Promise((resolve) => setImmediate(resolve));
			}
		})();
		await store.importBusy(person, periods(3000, 'big'), { kind: 'member', person });
		// The writer's own next read is the version it wrote, already warmed.
		const after = await store.currentPlan();
		done = true;
		await reading;

		expect(after.version).toBe(before.version + 1);
		expect(warmed).toContain(after.version);
		expect(after.full.commitments.filter((c) => c.person === person)).toHaveLength(
			before.full.commitments.filter((c) => c.person === person).length + 3000
		);
		// Readers ran during the write (it yields), saw the old version, and were never kept
		// waiting for the write's end; no reader saw the new version before it was warmed.
		const during = seen.filter((s) => s.version === before.version);
		expect(during.length).toBeGreaterThan(5);
		expect(seen.every((s) => s.version === before.version || s.warmedYet)).toBe(true);
		expect(Math.max(...during.map((s) => s.ms))).toBeLessThan(50);
	});

	it('hands the next write the version just written, as its base', async () => {
		const before = await store.currentPlan();
		const person = before.plan.people[1]!.id;
		const first = store.importBusy(person, periods(10, 'one'), { kind: 'member', person });
		const second = store.importBusy(person, periods(10, 'two'), { kind: 'member', person });
		await Promise.all([first, second]);
		const after = await store.currentPlan();
		expect(after.version).toBe(before.version + 2);
		expect(after.full.commitments.filter((c) => c.person === person).length).toBe(
			before.full.commitments.filter((c) => c.person === person).length + 20
		);
	});

	it('does not prepare a small write: its version is read at once, nothing warmed for it', async () => {
		const before = await store.currentPlan();
		const person = before.plan.people[2]!.id;
		await store.importBusy(person, periods(3, 'small'), { kind: 'member', person });
		const after = await store.currentPlan();
		expect(after.version).toBe(before.version + 1);
		expect(warmed).not.toContain(after.version);
	});
});

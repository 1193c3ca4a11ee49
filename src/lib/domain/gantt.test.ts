import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filterItems, ganttView, type GanttFilters, type GanttOptions } from './gantt.ts';
import { clashCountsByItem, findClashes } from './clashes.ts';
import { ANONYMOUS } from './commitments.ts';
import { indexPlan } from './plan-index.ts';
import { generatePlan } from './plan-generator.test-helper.ts';
import { PlanFile, type PlanFileInput } from './schema.ts';

const seed = PlanFile.parse(
	JSON.parse(readFileSync(new URL('../../../data/iww-2024.plan.json', import.meta.url), 'utf8'))
);
const index = indexPlan(seed);
const NO_FILTERS: GanttFilters = { person: null, role: null, kinds: [], group: null };
const opts = (over: Partial<GanttOptions> = {}): GanttOptions => ({
	zoom: 'fit',
	today: '2024-03-01',
	locale: 'en-GB',
	filters: NO_FILTERS,
	...over
});

describe('the seeded plan on the Gantt', () => {
	const view = ganttView(index, opts());

	it('draws or lists every item exactly once', () => {
		const drawn = view.bars.map((b) => b.id);
		const listed = view.undated.map((r) => r.id);
		expect(new Set(drawn).size).toBe(drawn.length);
		expect([...drawn, ...listed].sort()).toEqual(seed.items.map((i) => i.id).sort());
		expect(view.sections.flatMap((s) => s.rows.map((r) => r.id)).sort()).toEqual(
			seed.items.map((i) => i.id).sort()
		);
	});

	it('shows outside events as bands with their city, above everything else', () => {
		expect(view.bands.map((b) => [b.id, b.city])).toEqual(
			expect.arrayContaining([
				['mwc-2024', 'Barcelona'],
				['netmundial-10', 'São Paulo'],
				['wsis-20', 'Geneva'],
				['summit-of-the-future', 'New York'],
				['igf-2024', 'Riyadh']
			])
		);
		expect(view.lanes[0]?.label).toBe('Outside events');
		const mwc = view.bars.find((b) => b.id === 'mwc-2024');
		expect(mwc?.meta).toMatch(/^Barcelona · /);
	});

	it('gives each of the five working groups its own lane, labelled', () => {
		const labels = view.lanes.map((l) => l.label).filter((l) => l.startsWith('WG'));
		expect(labels).toEqual([
			'WG1 Whole and open',
			'WG2 Universal and inclusive',
			'WG3 Free-flowing and trustworthy',
			'WG4 Safe and secure',
			'WG5 Rights-respecting'
		]);
	});

	it('draws fuzzy dates honestly and milestones as diamonds', () => {
		const bar = (id: string) => {
			const b = view.bars.find((x) => x.id === id);
			if (!b) throw new Error(`no bar ${id}`);
			return b;
		};
		expect(bar('netmundial-10-presentation').core).toBeNull();
		expect(bar('netmundial-10-presentation').meta).toContain('early May 2024');
		expect(bar('iww-consultation-1').milestone).toBe(true);
		expect(bar('wsis-20-joint-submission').milestone).toBe(true);
		const riyadh = bar('riyadh-meeting-2024');
		expect(riyadh.alternatives).toHaveLength(4);
		expect(riyadh.core!.w).toBeLessThan(riyadh.outer.w);
		expect(riyadh.core!.x).toBeGreaterThan(riyadh.outer.x);
		expect(bar('iww-consultation-1').name).toBe(
			'1st IWW consultation, activity, 1st March 2024 (1 Mar 2024), lead Lise Fuhr'
		);
		expect(bar('iww-consultation-1').initials).toBe('LF');
	});

	it('draws an arrow per dependency and finds no violation in the plan as agreed', () => {
		expect(view.arrows).toHaveLength(seed.dependencies.length);
		expect(view.violations).toEqual([]);
		for (const a of view.arrows) expect(a.d).toMatch(/^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+)+$/);
	});

	it('puts the today line on today, and leaves it out when today is off the chart', () => {
		const first = view.bars.find((b) => b.id === 'iww-consultation-1')!;
		expect(view.today.x).toBe(first.outer.x);
		expect(ganttView(index, opts({ today: '2030-01-01' })).today.x).toBeNull();
	});

	it('zooms: month is wider than quarter, quarter wider than year', () => {
		const w = (zoom: GanttOptions['zoom']) => ganttView(index, opts({ zoom })).width;
		expect(w('month')).toBeGreaterThan(w('quarter'));
		expect(w('quarter')).toBeGreaterThan(w('year'));
		expect(w('fit')).toBeLessThan(1000);
	});

	it('fills the box at every zoom, on a 1280 px screen and on a phone', () => {
		for (const boxWidth of [1118, 341]) {
			for (const zoom of ['fit', 'month', 'quarter', 'year'] as const) {
				const v = ganttView(index, opts({ zoom, boxWidth }));
				expect(v.width, `${zoom} in ${boxWidth}`).toBeGreaterThanOrEqual(
					0.95 * (boxWidth - v.labelWidth - 3)
				);
			}
		}
	});

	it('shows whole titles where there is room (the face-to-face meeting at Month zoom)', () => {
		const v = ganttView(index, opts({ zoom: 'month' }));
		const f2f = v.bars.find((b) => b.title.startsWith('First two-day face-to-face'));
		expect(f2f?.shortTitle).toBe(f2f?.title);
		expect(v.bars.filter((b) => b.shortTitle !== b.title)).toEqual([]);
	});

	it('wraps lane names on a phone instead of cutting them, with lanes enough for every line', () => {
		const v = ganttView(index, opts({ boxWidth: 341 }));
		expect(v.labelWidth).toBeLessThan(150);
		const wg3 = v.lanes.find((l) => l.label.includes('WG3'));
		expect(wg3?.label).toBe('WG3 Free-flowing and trustworthy');
		for (const lane of v.lanes.filter((l) => l.label)) {
			expect(lane.lines.join(' ').replace(/- /g, '-')).toBe(lane.label);
			expect(lane.rows * v.rowHeight).toBeGreaterThanOrEqual(6 + lane.lines.length * 15);
		}
		expect(wg3!.lines.length).toBeGreaterThan(1);
	});

	it('keeps every bar inside the chart and its label box in its lane', () => {
		for (const b of view.bars) {
			expect(b.outer.x).toBeGreaterThanOrEqual(0);
			expect(b.outer.x + b.outer.w).toBeLessThanOrEqual(view.width);
			expect(b.y).toBeLessThan(view.height);
		}
	});
});

describe('filters', () => {
	it('finds what a person leads, through groups too', () => {
		const lf = filterItems(index, { ...NO_FILTERS, person: 'lise-fuhr', role: 'lead' });
		expect(lf.map((i) => i.id)).toEqual(
			expect.arrayContaining(['iww-consultation-1', 'wg-universal-and-inclusive-goals'])
		);
		expect(lf.map((i) => i.id)).not.toContain('wg-whole-and-open-goals');
	});

	it('keeps a person’s outside commitments (Lise Fuhr at MWC), but not under a role', () => {
		const lf = filterItems(index, { ...NO_FILTERS, person: 'lise-fuhr' }).map((i) => i.id);
		expect(lf).toContain('mwc-2024');
		expect(lf).toContain('iww-consultation-1');
		const leads = filterItems(index, { ...NO_FILTERS, person: 'lise-fuhr', role: 'lead' });
		expect(leads.map((i) => i.id)).not.toContain('mwc-2024');
	});

	it('narrows by kind and by working group', () => {
		const deadlines = filterItems(index, { ...NO_FILTERS, kinds: ['deadline'] });
		expect(deadlines.every((i) => i.kind === 'deadline')).toBe(true);
		expect(deadlines.length).toBeGreaterThan(3);
		const wg3 = filterItems(index, { ...NO_FILTERS, group: 'wg-free-flowing-and-trustworthy' });
		expect(wg3.map((i) => i.id)).toContain('wg-free-flowing-and-trustworthy-goals');
		const view = ganttView(index, opts({ filters: { ...NO_FILTERS, kinds: ['deadline'] } }));
		expect(view.shown).toBe(deadlines.length);
		expect(view.total).toBe(seed.items.length);
	});
});

describe('violations and the undated tray', () => {
	const plan: PlanFileInput = {
		version: 1,
		name: 'Test',
		people: [{ id: 'ann', name: 'Ann Lee', initials: 'AL' }],
		items: [
			{
				id: 'draft',
				kind: 'activity',
				title: 'Draft',
				when: { type: 'range', start: '2024-03-01', end: '2024-03-20' }
			},
			{
				id: 'review',
				kind: 'activity',
				title: 'Review',
				when: { type: 'day', date: '2024-03-10' }
			},
			{
				id: 'launch',
				kind: 'meeting',
				title: 'Launch',
				when: { type: 'month', year: 2024, month: 3 }
			},
			{ id: 'later', kind: 'action', title: 'Someday', when: { type: 'tbd', text: 'TBD' } }
		],
		assignments: [{ id: 'a1', item: 'draft', role: 'lead', who: 'AL', person: 'ann' }],
		dependencies: [
			{ id: 'd1', from: 'draft', to: 'review' },
			{ id: 'd2', from: 'review', to: 'launch' },
			{ id: 'd3', from: 'draft', to: 'later' }
		]
	};
	const view = ganttView(indexPlan(PlanFile.parse(plan)), opts());

	it('lists a successor that starts before its predecessor ends, definite or possible', () => {
		expect(view.violations.map((v) => [v.id, v.state])).toEqual([
			['d1', 'definite'],
			['d2', 'possible']
		]);
		expect(view.violations[0]?.text).toBe(
			'“Review” (10 Mar 2024) starts before “Draft” (1–20 Mar 2024) has ended.'
		);
		expect(view.arrows.find((a) => a.id === 'd1')?.state).toBe('definite');
	});

	it('keeps TBD items in the tray, and draws no arrow to them', () => {
		expect(view.undated.map((r) => r.id)).toEqual(['later']);
		expect(view.arrows.map((a) => a.id)).not.toContain('d3');
	});
});

describe('a large plan', () => {
	it('lays out 500 items and 100 dependencies quickly and completely', () => {
		const big = indexPlan(
			PlanFile.parse(
				generatePlan(
					{ people: 30, items: 500, assignments: 700, busy: 0, dependencies: 100, lanes: true },
					2024
				)
			)
		);
		const t0 = performance.now();
		const view = ganttView(big, opts({ today: '2024-06-01' }));
		const ms = performance.now() - t0;
		expect(view.bars.length + view.undated.length).toBe(500);
		expect(view.arrows.length).toBeGreaterThan(50);
		expect(view.violations.length).toBeGreaterThan(0);
		// Generous: the bench measures it properly; this catches an accidental quadratic blow-up.
		expect(ms).toBeLessThan(1500);
	});
});

describe('clashes on the Gantt', () => {
	it('marks the bars of items with clashes, on the chart and in their accessible name', () => {
		const clashes = clashCountsByItem(findClashes(index, { viewer: ANONYMOUS, locale: 'en-GB' }));
		expect(clashes.get('riyadh-meeting-2024')).toBeGreaterThan(0);
		const { bars } = ganttView(index, opts({ clashes }));
		const riyadh = bars.find((b) => b.id === 'riyadh-meeting-2024');
		const n = clashes.get('riyadh-meeting-2024') ?? 0;
		expect(riyadh?.clashes).toBe(n);
		expect(riyadh?.meta.startsWith(`⚠ ${n} · `)).toBe(true);
		expect(riyadh?.name).toMatch(new RegExp(`, ${n} clash(es)?$`));
		const quiet = bars.find((b) => !clashes.has(b.id));
		expect(quiet?.clashes).toBe(0);
		expect(quiet?.name).not.toMatch(/clash/);
	});
});

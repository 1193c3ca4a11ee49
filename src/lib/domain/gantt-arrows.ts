/**
 * The Gantt's dependency arrows, routed around the bars between their two ends, and the list of
 * dependencies the dates break ("… starts before … has ended"), in words for the table under the
 * chart.
 */
import { dependencyState, routeArrow, type ArrowEnd, type Shape } from './gantt-layout.ts';
import { GANTT, type ArrowView, type ViolationView } from './gantt-model.ts';
import type { PlanIndex } from './plan-index.ts';
import type { ItemRow } from './present.ts';
import type { Dependency } from './schema.ts';

/** Every dependency both of whose items are drawn: its arrow, and its violation if any. */
export function dependencyArrows(
	index: PlanIndex,
	drawn: {
		ends: Map<string, ArrowEnd>;
		shapes: Map<string, Shape>;
		rows: Map<string, ItemRow>;
		obstacles: [number, number][][];
		rightEdge: number;
	}
): { arrows: ArrowView[]; violations: ViolationView[] } {
	const { ends, shapes, rows, obstacles } = drawn;
	const arrows: ArrowView[] = [];
	const violations: ViolationView[] = [];
	for (const dep of index.plan.dependencies) {
		const a = ends.get(dep.from);
		const b = ends.get(dep.to);
		const sa = shapes.get(dep.from);
		const sb = shapes.get(dep.to);
		if (!a || !b || !sa || !sb) continue;
		const state = dependencyState(sa, sb, dep.lagDays);
		const { d } = routeArrow(a, b, {
			rowHeight: GANTT.rowHeight,
			obstacles: (lane) => obstacles[lane] ?? [],
			width: drawn.rightEdge
		});
		arrows.push({ id: dep.id, from: dep.from, to: dep.to, d, state });
		if (state !== 'ok') violations.push(violation(dep, state, rows));
	}
	return { arrows, violations };
}

/** A dependency the dates break (definitely or possibly), in words. */
function violation(
	dep: Dependency,
	state: ViolationView['state'],
	rows: Map<string, ItemRow>
): ViolationView {
	const ra = rows.get(dep.from)!;
	const rb = rows.get(dep.to)!;
	const lag = dep.lagDays
		? ` plus ${dep.lagDays} day${Math.abs(dep.lagDays) === 1 ? '' : 's'}`
		: '';
	return {
		id: dep.id,
		state,
		from: { href: ra.href, title: ra.title, bounds: ra.bounds },
		to: { href: rb.href, title: rb.title, bounds: rb.bounds },
		text:
			state === 'definite'
				? `“${rb.title}” (${rb.bounds}) starts before “${ra.title}” (${ra.bounds}) has ended${lag}.`
				: `“${rb.title}” (${rb.bounds}) could start before “${ra.title}” (${ra.bounds}) has ended${lag}.`
	};
}

/** View models for clash lists: names and links resolved, grouped by kind and severity. */
import {
	CLASH_KIND_LABEL,
	CLASH_KINDS,
	type Clash,
	type ClashKind,
	type Severity
} from './clashes.ts';
import type { PlanIndex } from './plan-index.ts';

export type ClashRow = {
	id: string;
	kind: ClashKind;
	severity: Severity;
	strength: 'hard' | 'soft';
	message: string;
	people: { id: string; name: string; href: string }[];
	items: { id: string; title: string; href: string }[];
};

export type ClashGroup = { kind: ClashKind; label: string; severity: Severity; rows: ClashRow[] };

export function clashRow(index: PlanIndex, c: Clash): ClashRow {
	return {
		id: c.id,
		kind: c.kind,
		severity: c.severity,
		strength: c.strength,
		message: c.message,
		people: c.people.map((id) => ({
			id,
			name: index.people.get(id)?.name ?? id,
			href: `/people/${id}`
		})),
		items: c.items.map((id) => ({
			id,
			title: index.items.get(id)?.title ?? id,
			href: `/items/${id}`
		}))
	};
}

/** Kind by kind (most urgent first), definite before possible; empty groups left out. */
export function groupClashes(index: PlanIndex, clashes: readonly Clash[]): ClashGroup[] {
	const groups: ClashGroup[] = [];
	for (const kind of CLASH_KINDS) {
		for (const severity of ['definite', 'possible'] as const) {
			const rows = clashes
				.filter((c) => c.kind === kind && c.severity === severity)
				.map((c) => clashRow(index, c));
			if (rows.length) groups.push({ kind, label: CLASH_KIND_LABEL[kind], severity, rows });
		}
	}
	return groups;
}

/**
 * What a change changed, field by field, in words: for the history, the item page and the
 * "changed since you opened it" notice. Pure.
 */
import { formatBounds, formatSpec, parseDateText, resolve, type YearContext } from './dates.ts';
import { decisionSentence } from './decision.ts';
import { IMPORT_KEYS } from './privacy.ts';
import type { DateSpec } from './schema.ts';

export type FieldChange = { field: string; before: string; after: string };

/** A field's value as a person reads it: dates in words, lists and objects as short JSON. */
export function showValue(field: string, value: unknown): string {
	if (value === undefined || value === null || value === '') return '—';
	if (field === 'when' && typeof value === 'object') return whenText(value as DateSpec);
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

/** The wording a date field shows: the plan's own words if it has them, else the canonical form. */
export function whenText(spec: DateSpec): string {
	return spec.text ?? formatSpec(spec);
}

/** The fields whose value differs between two versions of an entity (either may be null). */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
	const a = (before ?? {}) as Record<string, unknown>;
	const b = (after ?? {}) as Record<string, unknown>;
	const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
	return keys
		.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
		.map((k) => ({ field: k, before: showValue(k, a[k]), after: showValue(k, b[k]) }));
}

/** What a date field knows besides the text: see ParseOptions. */
export type DateContext = {
	years?: YearContext | undefined;
	planZone?: string | undefined;
	examples?: string | undefined;
};

export type DatePreview =
	| { ok: true; spec: DateSpec; label: string; bounds: string; notes: string[] }
	| { ok: false; error: string };

/**
 * How a typed date is understood: its canonical label, the days it allows, and what was taken
 * from the plan (a missing year, a season's hemisphere). `years` lets yearless dates through.
 */
export function previewDate(
	text: string,
	zone: string,
	locale?: string,
	context: DateContext = {}
): DatePreview {
	const parsed = parseDateText(text, { zone, ...context });
	if (!parsed.ok) return parsed;
	const r = resolve(parsed.spec);
	return {
		ok: true,
		spec: parsed.spec,
		label: r.label,
		bounds: formatBounds(r, locale),
		notes: parsed.notes ?? []
	};
}

/** One recorded change, as the history stores it (see edit-repository). */
export type ChangeRecord = {
	id: number;
	at: string;
	/** Who made it, as the history names them ("Ana (organizer)"). */
	by: string;
	entity: string;
	entityId: string;
	action: string;
	before: unknown;
	after: unknown;
};

export type HistoryRow = {
	id: number;
	at: string;
	actor: string;
	entity: string;
	entityId: string;
	action: string;
	/** Link to the item the change is about, when there is one. */
	itemId: string | null;
	/** One sentence for a change that reads better whole ("decided 18–19 Feb 2024; was …"). */
	summary: string | null;
	changes: FieldChange[];
};

const PRIVATE_REASON = '(private)';

/** Keys of a private busy period that only its owner and organizers may read (see privacy.ts). */
const PRIVATE_KEYS = ['place', ...IMPORT_KEYS] as const;

/**
 * Blanks what a private busy period keeps to itself (its reason, place, and an imported event's
 * UID, RECURRENCE-ID and source), for readers who may not see it.
 */
function hidePrivate(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	const v = value as Record<string, unknown>;
	if (v.visibility !== 'private') return value;
	const out: Record<string, unknown> = { ...v };
	if (typeof v.reason === 'string' && v.reason !== '') out.reason = PRIVATE_REASON;
	for (const k of PRIVATE_KEYS) delete out[k];
	return out;
}

/**
 * History entries ready to show. Private busy reasons are hidden unless `mayReadPrivate(person)`
 * says the reader may see that person's private entries. Imports list the items they touched.
 */
export function historyRows(
	records: ChangeRecord[],
	mayReadPrivate: (personId: string) => boolean
): HistoryRow[] {
	return records.map((r) => {
		const owner = (v: unknown) =>
			v && typeof v === 'object' ? (v as Record<string, unknown>).person : undefined;
		const person = owner(r.after) ?? owner(r.before);
		const visible = (v: unknown) =>
			typeof person === 'string' && mayReadPrivate(person) ? v : hidePrivate(v);
		const ref = (v: unknown, key: string) =>
			v && typeof v === 'object' && typeof (v as Record<string, unknown>)[key] === 'string'
				? ((v as Record<string, unknown>)[key] as string)
				: null;
		const itemId =
			r.entity === 'item'
				? r.entityId
				: (ref(r.after, 'item') ??
					ref(r.before, 'item') ??
					ref(r.after, 'to') ??
					ref(r.before, 'to'));
		const changes =
			r.entity === 'plan'
				? importChanges(r.after)
				: changedFields(visible(r.before), visible(r.after)).filter(
						(c) => c.field !== 'id' || r.action !== 'update'
					);
		return {
			id: r.id,
			at: r.at,
			actor: r.by,
			entity: r.entity,
			entityId: r.entityId,
			action: r.action,
			itemId,
			summary:
				r.entity === 'item' && r.action === 'update' ? decisionSentence(r.before, r.after) : null,
			changes
		};
	});
}

function importChanges(summary: unknown): FieldChange[] {
	const s = (summary ?? {}) as Record<string, unknown>;
	return ['added', 'changed', 'removed']
		.filter((k) => Array.isArray(s[k]) && (s[k] as unknown[]).length > 0)
		.map((k) => ({ field: k, before: '', after: (s[k] as string[]).join(', ') }));
}

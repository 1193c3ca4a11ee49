/**
 * The meeting being planned, as the clash engine sees it: one more commitment of each person
 * (so the engine's own pair check and sentences say why someone cannot come), and the plan index
 * with the host among its locations (so the engine can measure travel to it).
 */
import { DEFAULT_COMMITMENT_OPTIONS, daySlot, type PersonCommitment } from '../commitments.ts';
import { epochDay } from '../intervals.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { Location, PlainDate } from '../schema.ts';

/** The planned meeting as one more commitment of a person, for the engine's pair check. */
export function meetingCommitment(
	person: string,
	host: Location,
	start: PlainDate,
	end: PlainDate
): PersonCommitment {
	const days = { start: epochDay(start), end: epochDay(end) + 1 };
	const slot = daySlot(days, host.zone, DEFAULT_COMMITMENT_OPTIONS);
	return {
		key: 'finder:candidate',
		person,
		source: { type: 'assignment', role: 'required', via: null },
		item: null,
		// A unique anchor orders the meeting after fixed commitments in the engine's sentences.
		anchor: 'finder:candidate',
		reason: `a meeting in ${host.city}`,
		place: host.id,
		strength: 'hard',
		visibility: 'public',
		when: { type: 'range', start, end },
		fuzzy: false,
		hulls: [slot],
		placements: [slot],
		span: slot.ms
	};
}

/** The plan index with the host added to its locations, so the engine can measure travel. */
export function withHost(index: PlanIndex, host: Location): PlanIndex {
	if (index.locations.get(host.id) === host) return index;
	return { ...index, locations: new Map([...index.locations, [host.id, host]]) };
}

const hostIndexCache = new WeakMap<PlanIndex, Map<string, PlanIndex>>();
export function hostIndex(index: PlanIndex, host: Location): PlanIndex {
	let m = hostIndexCache.get(index);
	if (!m) hostIndexCache.set(index, (m = new Map<string, PlanIndex>()));
	const key = JSON.stringify(host);
	let hit = m.get(key);
	if (!hit) m.set(key, (hit = withHost(index, host)));
	return hit;
}

/** One meeting object per window, shared by everyone, so its wording is formatted once. */
const windowMeetings = new Map<string, PersonCommitment>();
export function windowMeeting(host: Location, start: PlainDate, end: PlainDate): PersonCommitment {
	const key = `${JSON.stringify(host)}|${start}|${end}`;
	let m = windowMeetings.get(key);
	if (!m) {
		if (windowMeetings.size > 5000) windowMeetings.clear();
		windowMeetings.set(key, (m = meetingCommitment('', host, start, end)));
	}
	return m;
}

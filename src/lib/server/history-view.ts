/** The history as a reader may see it (private busy reasons only for organizers and owners). */
import { historyRows } from '../domain/changes.ts';
import { listHistory } from './edit-repository.ts';
import { getStore } from './store.ts';

export async function historyFor(
	locals: App.Locals,
	filter: { item?: string; person?: string; limit?: number }
) {
	const { db } = await getStore();
	const may = (person: string) => locals.organizer !== null || locals.member === person;
	return historyRows(await listHistory(db, filter), may).map((r) => ({ ...r, by: r.actor }));
}

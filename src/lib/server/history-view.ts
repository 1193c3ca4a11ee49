/** The history as a reader may see it (private busy reasons only for organizers and owners). */
import { historyRows } from '../domain/changes.ts';
import { changeSentence, type Names } from '../domain/history-sentences.ts';
import { listHistory } from './edit-repository.ts';
import { currentPlan, getStore } from './store.ts';

export type HistoryFilter = {
	item?: string;
	person?: string;
	actor?: { kind: string; id?: string };
	limit?: number;
};

export async function historyFor(locals: App.Locals, filter: HistoryFilter) {
	const { db } = await getStore();
	const { full } = await currentPlan();
	const names: Names = {
		item: (id) => full.items.find((i) => i.id === id)?.title,
		person: (id) => full.people.find((p) => p.id === id)?.name,
		group: (id) => full.groups.find((g) => g.id === id)?.name
	};
	const may = (person: string) => locals.organizer !== null || locals.member === person;
	const records = await listHistory(db, filter);
	const rows = historyRows(records, may);
	return rows.map((r, i) => ({ ...r, by: r.actor, sentence: changeSentence(records[i]!, names) }));
}

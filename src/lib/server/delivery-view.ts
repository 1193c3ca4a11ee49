/** What /delivery and GET /api/delivery show: the report, the public counts, whether mail is on. */
import { checkBearer } from './auth.ts';
import { buildDeliveryReport, publicCounts } from './delivery-report.ts';
import { flushLedger } from './delivery.ts';
import { recentNotices } from './mail.ts';
import { mailConfig } from './mail-runner.ts';
import { currentPlan, getStore } from './store.ts';

/** Organizers (a session) or the admin token may read who fetched what. */
export async function mayReadDelivery(locals: App.Locals, request: Request): Promise<boolean> {
	if (locals.organizer) return true;
	const { config } = await getStore();
	return checkBearer(request.headers.get('authorization'), config.adminToken) === 'ok';
}

export async function deliveryView(locale: string, now: Date) {
	// Fetches of the last second are still in the buffer: write them first.
	await flushLedger();
	const { db } = await getStore();
	const { index } = await currentPlan();
	const people = await buildDeliveryReport(db, index, now.getTime(), locale);
	return {
		people,
		publicFeeds: await publicCounts(db, now.getTime()),
		mail: { enabled: mailConfig() !== null },
		notices: await recentNotices(db)
	};
}

/**
 * Running the mail in the server process: sending on an organizer's request, and the timer that
 * queues automatic notices and sends what is due. The timer is unref'd (it never keeps the
 * process alive), skips a tick while the previous one still runs, and each tick does bounded
 * work (MAIL_MAX_PER_TICK notices).
 */
import {
	peopleConcerned,
	queueAutomatic,
	queueNotices,
	readMailConfig,
	type MailConfig,
	type SendContext
} from './mail.ts';
import { sendDue } from './mail-send.ts';
import { flushLedger } from './delivery.ts';
import { loadItemMeta } from './plan-repository.ts';
import { currentPlan, getStore } from './store.ts';

let config: MailConfig | null | undefined;

/** The mail settings (null: email is off); a bad SMTP_URL or MAIL_FROM throws at start. */
export function mailConfig(): MailConfig | null {
	config ??= readMailConfig();
	return config;
}

async function context(now: Date): Promise<SendContext | null> {
	const cfg = mailConfig();
	if (!cfg) return null;
	const { db, config: app } = await getStore();
	const { fullIndex } = await currentPlan();
	const baseUrl = app.publicUrl ?? `http://localhost:${process.env.PORT ?? '3000'}`;
	return { db, fullIndex, baseUrl, config: cfg, now };
}

/**
 * An organizer's notice about one item to the people concerned: queued, then sent at once.
 * Returns null when email is off or the item is unknown.
 */
export async function sendNoticeNow(
	itemId: string,
	actor: string,
	now: Date
): Promise<{ queued: number; sent: number; failed: number; withoutEmail: number } | null> {
	const ctx = await context(now);
	if (!ctx) return null;
	const meta = (await loadItemMeta(ctx.db)).find((m) => m.id === itemId);
	if (!meta) return null;
	const people = peopleConcerned(ctx.fullIndex, itemId);
	const queued = await queueNotices(ctx.db, ctx.fullIndex, meta, people, actor, now);
	const { sent, failed } = await sendDue(ctx);
	return { queued, sent, failed, withoutEmail: people.length - queued };
}

let running = false;

/** One tick: queue the automatic notices, send what is due. */
export async function mailTick(now = new Date()): Promise<void> {
	if (running) return;
	running = true;
	try {
		const ctx = await context(now);
		if (!ctx) return;
		await flushLedger(); // the last second of fetches counts
		await queueAutomatic(ctx);
		await sendDue(ctx);
	} catch (e) {
		console.error('mail: tick failed', e);
	} finally {
		running = false;
	}
}

let timer: ReturnType<typeof setInterval> | null = null;

/** Starts the timer once, when email is on. */
export function startMailTimer(): void {
	const cfg = mailConfig();
	if (!cfg || timer) return;
	timer = setInterval(() => void mailTick(), cfg.tickSeconds * 1000);
	timer.unref();
	// A notice claimed by a process that stopped mid-send is sent again (a duplicate invitation
	// with the same UID and SEQUENCE is harmless; a lost one is not).
	void getStore()
		.then(({ db }) =>
			db
				.updateTable('notices')
				.set({ state: 'failed', last_error: 'interrupted while sending' })
				.where('state', '=', 'sending')
				.execute()
		)
		.catch((e: unknown) => console.error('mail: could not reset interrupted notices', e));
}

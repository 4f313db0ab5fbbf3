import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { jobs } from '../../db/schema';
import { AppError } from '../../lib/app-error';

/** A job as the API shows it; unknown ids are a 404. */
export async function findJob(db: Database, id: string) {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  if (!job) throw new AppError({ code: 'not_found', message: 'Job not found' });
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    processed: job.processed,
    total: job.total,
    error: job.error,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
  };
}

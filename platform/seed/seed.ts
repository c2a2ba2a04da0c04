/** First-start seeding: each feed gets one publication, recorded so it never runs twice. Runtime: plain Node. */
import type { SqlDb } from '../db/sql.ts';
import type { FeedStore } from '../feeds.ts';
import { luanCatalog } from './catalog.ts';
import { luanConsultations, luanFaq, luanNotices } from './content.ts';

export async function seedIfEmpty(db: SqlDb, feeds: FeedStore, now: Date): Promise<boolean> {
  const [done] = await db.query(`SELECT 1 FROM platform_meta WHERE key = 'seeded'`);
  if (done !== undefined) return false;
  const catalog = luanCatalog();
  await feeds.publish('catalog', { upserts: catalog, deletes: [] });
  await feeds.publish('faq', { upserts: luanFaq(catalog), deletes: [] });
  await feeds.publish('notices', { upserts: luanNotices(now), deletes: [] });
  await feeds.publish('consultations', { upserts: luanConsultations(now), deletes: [] });
  await db.query(`INSERT INTO platform_meta (key, value) VALUES ('seeded', $1::jsonb) ON CONFLICT (key) DO NOTHING`, [JSON.stringify({ at: now.toISOString() })]);
  return true;
}

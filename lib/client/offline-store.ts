/**
 * What the review screen keeps on the device for one person (issue #37), in IndexedDB (one database a person,
 * lib/client/offline-names.ts): the offline day (lib/core/offline-day.ts), the outbox of answers not yet saved by the
 * server, and the answers the server refused, until the person has read them.
 *
 * The outbox is the answer sender's store (lib/client/answer-sender.ts, AnswerStore): every answer is written here
 * before it is sent and deleted once the server has settled it, so that answers given offline survive a reload, a
 * closed tab or a restart and are sent, in their order, on the next start. Each keeps its review id (a retry is a
 * replay, never a second answer), its answer time, the day its buttons were for and the version it answered: a card
 * answered twice offline has two answers, the second to the version the first makes (chained: a refusal of the first
 * takes the second with it, shown as one item).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { AnswerStore, PendingAnswer } from './answer-sender'
import type { AppliedOffline, OfflinePack } from '@/lib/core/offline-day'
import type { GradeBody } from './review-queue'
import { offlineDatabaseName } from './offline-names'

/** One answer waiting: what the sender sends, its place in the order, and what it did to the offline day (undo). */
export type OutboxItem = PendingAnswer<GradeBody> & { seq: number; applied: AppliedOffline | null }

/** An answer from offline that the server refused, with the later answers to the same card that went with it. */
export type RefusedItem = { id: string; cardId: string; status: number; reason: string; answeredAt: string; answers: number; prompt: string }

interface OfflineSchema extends DBSchema {
  day: { key: 'pack'; value: OfflinePack }
  outbox: { key: string; value: OutboxItem; indexes: { seq: number } }
  refused: { key: string; value: RefusedItem }
}

const VERSION = 1

export class OfflineStore {
  private nextSeq = 0
  /** The place and the undo of each answer this page has read or written, so that a put needs no read first. */
  private readonly kept = new Map<string, { seq: number; applied: AppliedOffline | null }>()

  private constructor(private readonly db: IDBPDatabase<OfflineSchema>) {}

  /** This person's store, or null where the browser keeps no IndexedDB (the screen then works online only). */
  static async open(userId: string): Promise<OfflineStore | null> {
    if (typeof indexedDB === 'undefined') return null
    try {
      const db = await openDB<OfflineSchema>(offlineDatabaseName(userId), VERSION, {
        upgrade(database) {
          database.createObjectStore('day')
          database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('seq', 'seq')
          database.createObjectStore('refused', { keyPath: 'id' })
        },
        // Signing out deletes this database (lib/client/offline-data.ts): let it.
        blocking() {
          db.close()
        },
      })
      const store = new OfflineStore(db)
      const last = await db.transaction('outbox').store.index('seq').openCursor(null, 'prev')
      store.nextSeq = (last?.value.seq ?? 0) + 1
      return store
    } catch {
      return null
    }
  }

  close(): void {
    this.db.close()
  }

  getPack(): Promise<OfflinePack | undefined> {
    return this.db.get('day', 'pack')
  }

  async putPack(pack: OfflinePack): Promise<void> {
    await this.db.put('day', pack, 'pack')
  }

  /** The answers waiting, oldest first (each noted: a later put of one keeps its place and what it did). */
  async pending(): Promise<OutboxItem[]> {
    const items = await this.db.getAllFromIndex('outbox', 'seq')
    for (const item of items) {
      this.kept.set(item.id, { seq: item.seq, applied: item.applied })
      // Another tab may have written since this store opened: a new answer here still comes after its answers.
      this.nextSeq = Math.max(this.nextSeq, item.seq + 1)
    }
    return items
  }

  /**
   * Keeps an answer (again: a restored one keeps its place). One put, committed at once: the answer is on the device
   * as soon as the browser can make it so, and a page closed or reloaded right after the answer (its transaction not
   * yet done) has as short a window as can be. IndexedDB runs transactions on a store in the order they begin, so the
   * sender's later delete of it never comes first.
   */
  async put(answer: PendingAnswer<GradeBody>, applied: AppliedOffline | null): Promise<void> {
    const kept = this.kept.get(answer.id)
    const seq = kept?.seq ?? this.nextSeq++
    const item = { ...answer, seq, applied: applied ?? kept?.applied ?? null }
    this.kept.set(answer.id, { seq, applied: item.applied })
    const tx = this.db.transaction('outbox', 'readwrite')
    const written = tx.store.put(item)
    tx.commit()
    await Promise.all([written, tx.done])
  }

  async delete(id: string): Promise<void> {
    this.kept.delete(id)
    await this.db.delete('outbox', id)
  }

  refusals(): Promise<RefusedItem[]> {
    return this.db.getAll('refused')
  }

  async addRefusal(item: RefusedItem): Promise<void> {
    await this.db.put('refused', item)
  }

  /** A later answer of a refused one's chain: counted in its item. */
  async countDropped(refusedId: string): Promise<void> {
    const item = await this.db.get('refused', refusedId)
    if (item) await this.db.put('refused', { ...item, answers: item.answers + 1 })
  }

  async clearRefusals(): Promise<void> {
    await this.db.clear('refused')
  }
}

/**
 * The sender's store over the outbox: `applied` tells, by review id, what each answer did to the offline day (noted
 * by the screen just before it sends), so that an answer still waiting can be taken back.
 */
export function outboxStore(store: OfflineStore, applied: ReadonlyMap<string, AppliedOffline>): AnswerStore<GradeBody> {
  return {
    put: (answer) => store.put(answer, applied.get(answer.id) ?? null),
    delete: (id) => store.delete(id),
  }
}

import { describe, expect, it } from 'vitest'
import { threadId } from 'node:worker_threads'
import { runInWorker } from '../lib/server/run-in-worker'

const JOB = 'tests/worker-jobs/count-job.ts'

describe('runInWorker', () => {
  it('runs a TypeScript job in another thread, with its progress and its answer', async () => {
    const progress: number[] = []
    const out = await runInWorker<{ to: number }, { sum: number; day: number; thread: number }, number>(JOB, 'countJob', { to: 4 }, { onProgress: (p) => progress.push(p) })
    expect(out.sum).toBe(10)
    expect(out.day).toBe(20_522) // the job imported lib/core through the worker's own loader
    expect(out.thread).not.toBe(threadId)
    expect(progress).toEqual([1, 2, 3, 4])
  })

  it("rejects with the job's error", async () => {
    await expect(runInWorker(JOB, 'countJob', { to: 1, fail: true })).rejects.toThrow('asked to fail')
  })

  it('rejects when the module has no such export', async () => {
    await expect(runInWorker(JOB, 'noSuchJob', { to: 1 })).rejects.toThrow('exports no function noSuchJob')
  })

  it('cancels a job that never ends: terminated, the promise rejects with an AbortError', async () => {
    const controller = new AbortController()
    const started = runInWorker(JOB, 'countJob', { to: 1, spin: true }, { signal: controller.signal, onProgress: () => controller.abort() })
    await expect(started).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('refuses at once when the signal is already aborted', async () => {
    await expect(runInWorker(JOB, 'countJob', { to: 1 }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' })
  })
})

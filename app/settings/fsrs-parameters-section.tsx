import { fsrsParameters } from '@/lib/data/fsrs-parameters'
import { createOptimizer } from '@/lib/server/optimizer'
import { FsrsParametersPanel } from './fsrs-parameters-panel'

/** The settings page's FSRS parameters (issue #35): read on the server, shown and changed by the panel. */
export async function FsrsParametersSection({ userId }: { userId: string }) {
  const view = await fsrsParameters.view(userId)
  return <FsrsParametersPanel view={view} status={createOptimizer(fsrsParameters).status(userId)} />
}

// Last-resort cleanup for the bench: kills child servers and drops databases on errors, Ctrl-C and exit.

type Task = { sync?: () => void; async?: () => Promise<void> }

const tasks = new Set<Task>()
let installed = false

/** Registers cleanup to run if the bench dies; call the returned function once it has been done normally. */
export function onAbort(task: Task): () => void {
  install()
  tasks.add(task)
  return () => {
    tasks.delete(task)
  }
}

/** Runs every pending cleanup (async ones with a deadline), e.g. after a failure, before exiting. */
export async function runPendingCleanups(deadlineMs = 15_000): Promise<void> {
  const pending = [...tasks]
  tasks.clear()
  for (const t of pending) t.sync?.()
  const all = Promise.allSettled(pending.map((t) => t.async?.() ?? Promise.resolve()))
  await Promise.race([all, new Promise((r) => setTimeout(r, deadlineMs).unref())])
}

function install() {
  if (installed) return
  installed = true
  // 'exit' handlers may only do synchronous work: kill whatever is still running.
  process.on('exit', () => {
    for (const t of tasks) t.sync?.()
  })
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`\n${sig}: stopping child servers and dropping bench databases…`)
      void runPendingCleanups().finally(() => process.exit(130))
    })
  }
}

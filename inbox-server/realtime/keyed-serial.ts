// Runs tasks one after another per key and concurrently across keys (frames of one conversation stay in order).

export type KeyedSerial = (key: string, task: () => Promise<void>) => void

/** `task` must not reject: callers turn failures into error frames themselves. */
export function createKeyedSerial(): KeyedSerial {
  const tails = new Map<string, Promise<void>>()
  return (key, task) => {
    const next = (tails.get(key) ?? Promise.resolve()).then(task)
    tails.set(key, next)
    void next.then(() => {
      if (tails.get(key) === next) tails.delete(key)
    })
  }
}

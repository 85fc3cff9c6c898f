// Child process: the real hub (startHub) on a random port, over the bench database or an in-memory PGlite.
import { serveHub } from './serve-hub.ts'

await serveHub()

// Describes the machine and run a benchmark result belongs to: CPU, cores, memory, Node, database and date.
import os from 'node:os'

export interface Machine {
  cpu: string
  cores: number
  totalMemoryBytes: number
  node: string
  os: string
  database: string
  date: string
}

export function describeMachine(database: string): Machine {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    database,
    date: new Date().toISOString(),
  }
}

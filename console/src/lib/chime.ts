// A short notification sound made with WebAudio (no audio files): one tone for a message, two rising tones for an
// offer. Never throws: without WebAudio, or while the browser blocks sound until the page is used, it is simply silent.

export type ChimeKind = 'offer' | 'message'

type AudioContextClass = typeof AudioContext

let context: AudioContext | null = null

function audioContextClass(): AudioContextClass | null {
  const g = globalThis as typeof globalThis & { webkitAudioContext?: AudioContextClass }
  return g.AudioContext ?? g.webkitAudioContext ?? null
}

export function playChime(kind: ChimeKind): void {
  try {
    const Ctor = audioContextClass()
    if (!Ctor) return
    context ??= new Ctor()
    const ctx = context
    // A context made before the page was used starts suspended; resuming may be refused, which is fine.
    if (ctx.state === 'suspended') void ctx.resume().catch(() => {})
    const tones = kind === 'offer' ? [660, 880] : [880]
    const now = ctx.currentTime
    tones.forEach((frequency, i) => {
      const start = now + i * 0.18
      const oscillator = ctx.createOscillator()
      const gain = ctx.createGain()
      oscillator.type = 'sine'
      oscillator.frequency.setValueAtTime(frequency, start)
      gain.gain.setValueAtTime(0.0001, start)
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16)
      oscillator.connect(gain).connect(ctx.destination)
      oscillator.start(start)
      oscillator.stop(start + 0.18)
    })
  } catch {
    // No sound this time; a broken context is made again next time.
    context = null
  }
}

// The widget's CSS, scoped to its shadow root; colours meet WCAG AA contrast, motion only when allowed.
const FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif'
const BLUE = '#1d4ed8' // white on it: 6.7:1
const BLUE_DARK = '#1e3a8a'
const INK = '#111827'
const MUTED = '#374151' // on white: 10:1
const RED = '#b91c1c' // on white: 6.5:1

export const CSS = `
:host{all:initial}
*{box-sizing:border-box}
[hidden]{display:none!important}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
button,textarea{font:inherit;color:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid ${INK};outline-offset:2px;box-shadow:0 0 0 2px #fff}
.launcher,.panel{position:fixed;z-index:2147483000;font:16px/1.5 ${FONT};color:${INK}}
.launcher{right:20px;bottom:20px;display:flex;align-items:center;gap:8px;min-height:48px;padding:0 20px 0 16px;border:2px solid #fff;border-radius:24px;background:${BLUE};color:#fff;font-weight:600;box-shadow:0 4px 14px rgba(0,0,0,.3)}
.launcher:hover,.send:hover{background:${BLUE_DARK}}
.icon{display:flex}
.badge{min-width:24px;height:24px;padding:0 6px;border-radius:12px;background:${RED};color:#fff;font-size:14px;line-height:24px;text-align:center}
.panel{z-index:2147483001;right:20px;bottom:84px;width:380px;max-width:calc(100vw - 24px);height:560px;max-height:calc(100vh - 104px);display:flex;flex-direction:column;background:#fff;border:1px solid #6b7280;border-radius:12px;box-shadow:0 10px 30px rgba(0,0,0,.3);overflow:hidden auto}
.head,.confirm,.form,.banner,.typing,.queue{flex:none}
.head{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:6px 8px 6px 16px;background:${BLUE};color:#fff}
h2{flex:1;margin:0;font-size:18px;font-weight:700;line-height:1.3}
.close{flex:none;width:44px;height:44px;border:0;border-radius:8px;background:transparent;color:#fff;font-size:28px;line-height:1}
.forget{flex:none;max-width:9em;min-height:44px;padding:4px 8px;border:1px solid #fff;border-radius:8px;background:transparent;color:#fff;font-size:13px;font-weight:600;line-height:1.25}
.close:hover,.forget:hover{background:${BLUE_DARK}}
.close:focus-visible{outline-color:#fff;outline-offset:-5px;box-shadow:none}
.forget:focus-visible{outline-color:#fff;box-shadow:none}
.confirm{display:flex;flex-wrap:wrap;gap:8px;padding:12px 16px;background:#eff6ff;border-bottom:1px solid ${BLUE}}
.confirm p{flex-basis:100%;margin:0;font-size:15px}
.confirm button{min-height:44px;padding:0 16px;border:2px solid ${BLUE};border-radius:8px;background:#fff;color:${BLUE};font-weight:600}
.confirm .yes{border-color:${RED};background:${RED};color:#fff}
.confirm .yes:hover{background:#991b1b}
.banner{padding:8px 16px;background:#fef3c7;color:#713f12;font-size:14px;border-bottom:1px solid #b45309}
.banner:empty{padding:0;border:0}
.intro{margin:0;color:${MUTED};font-size:14px}
.log{flex:1;min-height:120px;overflow-y:auto;padding:12px 16px;display:flex;flex-direction:column;gap:10px}
.msg{max-width:85%;padding:8px 12px;border-radius:14px;overflow-wrap:anywhere}
.msg.in{align-self:flex-end;background:${BLUE};color:#fff;border-bottom-right-radius:4px}
.msg.out{align-self:flex-start;background:#f3f4f6;border:1px solid #d1d5db;border-bottom-left-radius:4px}
.msg .file{display:block;margin-top:6px;padding:4px 8px;font:inherit;text-align:left;color:${BLUE};background:#fff;border:1px solid ${BLUE};border-radius:6px;cursor:pointer;text-decoration:underline}
.who{font-size:13px;font-weight:700}
.text{margin:0;white-space:pre-wrap}
.meta{display:flex;flex-wrap:wrap;align-items:center;gap:4px 8px;margin-top:4px;font-size:12px;color:${MUTED}}
.in .meta{color:#e0e7ff}
.msg[data-state=failed]{background:#fff;color:${INK};border:2px solid ${RED}}
.msg[data-state=failed] .meta{color:${RED}}
.meta button{min-height:32px;padding:2px 10px;border:1px solid ${BLUE};border-radius:6px;background:#fff;color:${BLUE};font-weight:600}
.sys{align-self:center;max-width:90%;font-size:13px;color:${MUTED};text-align:center}
.typing{min-height:24px;padding:0 16px;font-size:14px;font-style:italic;color:${MUTED}}
.topic[hidden]{display:none}.topic{grid-column:1/-1;display:flex;flex-direction:column;gap:2px}.topic select{font:inherit;padding:6px;border:1px solid #6b7280;border-radius:6px;background:#fff;color:#111827}
.queue:not(:empty){padding:6px 16px;font-size:14px;color:${MUTED};border-top:1px solid #e5e7eb}
.form{display:grid;grid-template-columns:1fr auto;gap:4px 8px;padding:8px 12px 12px;border-top:1px solid #d1d5db}
label{grid-column:1/-1;font-size:14px;font-weight:600}
textarea{min-height:52px;max-height:140px;padding:8px 10px;border:1px solid #6b7280;border-radius:8px;background:#fff;color:${INK};font-size:16px;resize:vertical}
.send{align-self:stretch;min-width:72px;padding:0 16px;border:2px solid transparent;border-radius:8px;background:${BLUE};color:#fff;font-weight:600}
.hint{grid-column:1/-1;font-size:12px;color:${MUTED}}
.kb{grid-column:1/-1;max-height:35vh;overflow-y:auto;padding:6px 8px;border:1px solid #6b7280;border-radius:8px;background:#f9fafb;font-size:14px}
.kb p{margin:0}
.kbh{font-weight:700}
.kb ul{margin:4px 0 0;padding:0;list-style:none}
.kbt{display:block;width:100%;min-height:32px;padding:4px 0;border:0;background:none;color:${BLUE};text-align:left;text-decoration:underline;font-weight:600}
.kbb{padding:4px 0 8px}
.kba{display:flex;flex-wrap:wrap;align-items:center;gap:6px 8px;margin-top:6px}
.kba p{flex-basis:100%;font-weight:600}
.kba button{min-height:36px;padding:0 12px;border:1px solid ${BLUE};border-radius:6px;background:#fff;color:${BLUE};font-weight:600}
p.kba:focus{outline:none}
.survey{align-self:stretch;padding:10px 12px;border:1px solid #6b7280;border-radius:10px;background:#f9fafb}
.survey form{display:flex;flex-direction:column;gap:6px}
.survey fieldset{margin:0;padding:0;border:0;min-width:0}
.survey legend{padding:0;margin-bottom:4px;font-weight:700}
.opts{display:flex;flex-wrap:wrap;gap:2px 14px}
.survey .opt{display:flex;align-items:center;gap:6px;min-height:32px;font-size:15px;font-weight:400}
.opt input{width:20px;height:20px;margin:0;accent-color:${BLUE}}
.survey .send{align-self:flex-start;min-height:44px}
.survey .send:disabled{background:${MUTED};cursor:progress}
.survey .err{margin:0;color:${RED};font-size:14px;font-weight:600}
.survey .err:empty{display:none}
.survey p{margin:0}
.survey [tabindex="-1"]:focus{outline:none}
@media (max-width:480px),(max-height:480px){.panel{inset:0;width:auto;max-width:none;height:auto;max-height:none;border-radius:0;border:0}h2{font-size:16px}}
@media (prefers-reduced-motion:no-preference){.panel{animation:ih-in .16s ease-out}}
@keyframes ih-in{from{opacity:0;transform:translateY(8px)}}
@media (forced-colors:active){.msg,.launcher,.send,.badge{border:1px solid CanvasText}}
`

// Sends one mail to an SMTP listener on this machine, as a citizen's mail server would; answers the SMTP code
// (250 accepted, else the server's refusal).
import nodemailer, { type SendMailOptions } from 'nodemailer'

export async function deliverMail(port: number, mail: SendMailOptions): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
  try {
    await transport.sendMail(mail)
    return 250
  } catch (err) {
    return (err as { responseCode?: number }).responseCode ?? 0
  } finally {
    transport.close()
  }
}

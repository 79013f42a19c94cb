/**
 * Text bound for a terminal, made safe: a trace file is data from anywhere, and
 * a string in it holding escape sequences could move the cursor, rewrite lines
 * or retitle the window. Control characters other than newline and tab are
 * shown as `\xNN` instead of being sent.
 */

// C0 controls but tab and newline, DEL, and the C1 controls (0x9b is a one-byte CSI).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` with every control character but newline and tab shown as an escape. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

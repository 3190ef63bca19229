/**
 * Text that is safe in GitHub-flavoured Markdown prose, headings and table cells: every character
 * that could start emphasis, a link, an HTML tag or entity, inline code, math or strikethrough, or
 * end a table cell, is backslash-escaped (CommonMark allows escaping any ASCII punctuation), and line
 * breaks become spaces, so a construct path shows exactly as given and never breaks the table.
 */
const SPECIAL = /[\\`*_[\]<>|~$&#!]/g;

/** `text` escaped for Markdown prose and table cells. */
export function markdownText(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").replace(SPECIAL, (c) => `\\${c}`);
}

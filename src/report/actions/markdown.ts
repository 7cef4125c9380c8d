/**
 * Text made safe for a GitHub-flavoured Markdown table cell: HTML is escaped (a plugin's error
 * message is not ours to render), a `|` cannot end the cell, a line break cannot end the row, and
 * brackets cannot make a link.
 */
export function cell(text: string): string {
  return (
    text
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('\\', '\\\\')
      .replaceAll('|', '\\|')
      // No link or image made of data: an image would be fetched by every reader's browser.
      .replaceAll('[', '\\[')
      .replaceAll(']', '\\]')
      .replace(/[\r\n]+/g, ' ')
  );
}

/** Text made safe for a line of Markdown outside a table. */
export function inline(text: string): string {
  return cell(text).replaceAll('`', '\\`').replaceAll('*', '\\*').replaceAll('_', '\\_');
}

/** A table's header and separator rows. */
export function tableHead(columns: readonly string[]): string[] {
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => ' --- ').join('|')}|`];
}

export function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

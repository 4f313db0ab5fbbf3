/** Markdown table rendering. */

/** `align`: one letter a column, 'l' or 'r'; by default the first column left, the others right (figures). */
export function table(header: string[], rows: (string | number)[][], align?: string): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  const rule = header.map((_, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'l' ? '---' : '---:'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

/** A hand-written SVG bar chart: requests/s of each route as a percentage of GET /health. */

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function throughputChart(rows: { name: string; rps: number }[], title: string): string {
  const base = rows[0]?.rps ?? 0;
  const label = 250;
  const bar = 420;
  const rowHeight = 26;
  const top = 40;
  const width = label + bar + 90;
  const height = top + rows.length * rowHeight + 20;
  const bars = rows.map((row, i) => {
    const share = base > 0 ? row.rps / base : 0;
    const y = top + i * rowHeight;
    const w = Math.max(1, Math.round(Math.min(1, share) * bar));
    return [
      `<text x="${label - 8}" y="${y + 16}" text-anchor="end">${escape(row.name)}</text>`,
      `<rect x="${label}" y="${y + 3}" width="${w}" height="${rowHeight - 8}" fill="${i === 0 ? '#8a8a8a' : '#3b6fb6'}"/>`,
      `<text x="${label + w + 6}" y="${y + 16}">${Math.round(share * 100)} % (${Math.round(row.rps)}/s)</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="22" font-size="14" font-weight="bold">${escape(title)}</text>`,
    ...bars,
    `</svg>`,
    '',
  ].join('\n');
}

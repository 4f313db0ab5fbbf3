// Bar charts with Chart.js (window.Chart, from /vendor/chart.umd.min.js), and the same data as tables
// for screen readers and copying.

const ACCENT = '#1d4ed8';
const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const charts = new Map();

/** Draws `points` ([{label, value}]) as bars on the canvas `id`, updating the chart already there. */
export function drawBars(id, points, { label, horizontal = false }) {
  const labels = points.map((p) => p.label);
  const values = points.map((p) => p.value);
  const existing = charts.get(id);
  if (existing) {
    existing.data.labels = labels;
    existing.data.datasets[0].data = values;
    existing.update();
    return;
  }
  const chart = new window.Chart(document.getElementById(id), {
    type: 'bar',
    data: { labels, datasets: [{ label, data: values, backgroundColor: ACCENT, borderRadius: 3 }] },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion() ? false : { duration: 400 },
      plugins: { legend: { display: false } },
      scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  charts.set(id, chart);
}

/** The chart's data as a two-column table. */
export function fillTable(id, [labelHeading, valueHeading], points) {
  const table = document.getElementById(id);
  const head = document.createElement('thead');
  head.innerHTML = '<tr><th scope="col"></th><th scope="col"></th></tr>';
  head.querySelectorAll('th')[0].textContent = labelHeading;
  head.querySelectorAll('th')[1].textContent = valueHeading;
  const body = document.createElement('tbody');
  for (const point of points) {
    const row = body.insertRow();
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = point.label;
    row.append(name);
    row.insertCell().textContent = new Intl.NumberFormat('en').format(point.value);
  }
  table.replaceChildren(head, body);
}

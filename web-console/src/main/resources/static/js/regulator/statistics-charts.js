// Draws each statistic's chart from the table under it (the numbers are the table's; the chart only pictures them):
// the number of deals per group, all currencies together. Chart.js comes from its WebJar, served by the console.

for (const canvas of document.querySelectorAll('canvas[data-table]')) {
  const table = document.getElementById(canvas.dataset.table);
  if (!table || typeof window.Chart === 'undefined') {
    continue;
  }
  const deals = new Map();
  for (const row of table.querySelectorAll('tbody tr[data-group]')) {
    deals.set(row.dataset.group, (deals.get(row.dataset.group) ?? 0) + Number(row.dataset.deals));
  }
  canvas.textContent = '';
  new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: [...deals.keys()],
      datasets: [{label: table.dataset.chartLabel, data: [...deals.values()], backgroundColor: '#0a58a6', maxBarThickness: 56}],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {legend: {display: false}},
      scales: {y: {beginAtZero: true, ticks: {precision: 0}}},
    },
  });
}

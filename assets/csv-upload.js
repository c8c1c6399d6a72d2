// The advertiser's CSV validation: with JavaScript, a large file goes up in slices of 200
// rows with a progress bar and a result per row; without it, the form posts the pasted CSV.
const form = document.getElementById('csv-upload');
document.getElementById('csv-file').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (file) form.querySelector('textarea').value = await file.text();
});
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const lines = form
    .querySelector('textarea')
    .value.split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const [header = '', ...rows] = lines;
  const progress = document.getElementById('csv-progress');
  const out = document.getElementById('csv-results');
  progress.hidden = false;
  progress.max = Math.max(rows.length, 1);
  progress.value = 0;
  out.innerHTML = '<table class="results"><tbody></tbody></table>';
  const body = out.querySelector('tbody');
  for (let start = 0; start < Math.max(rows.length, 1); start += 200) {
    const data = new URLSearchParams({
      _csrf: form.querySelector('[name=_csrf]').value,
      programId: form.querySelector('[name=programId]').value,
      csv: [header, ...rows.slice(start, start + 200)].join('\n'),
    });
    const response = await fetch(form.action, {
      method: 'POST',
      body: data,
      headers: { accept: 'application/json' },
    });
    const answer = await response.json();
    if (!response.ok) {
      out.insertAdjacentText('afterbegin', `${answer.code}: ${answer.message}`);
      break;
    }
    for (const result of answer.results) {
      const row = body.insertRow();
      row.insertCell().textContent = result.orderNumber;
      const cell = row.insertCell();
      // The row's outcome as a badge (approved, declined, refused …), then its words.
      const badge = document.createElement('span');
      badge.className = `badge ${result.badge}`;
      badge.textContent = result.badgeText;
      cell.append(badge, ` ${result.text}`);
      if (!result.ok) cell.title = result.code;
    }
    progress.value = Math.min(start + 200, rows.length);
  }
});

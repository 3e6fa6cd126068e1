// Compliance page: follows every running report or drill through the API (GET, so no CSRF token is
// needed) and shows its progress; reloads the page when one finishes so its result and files appear.
(function () {
  'use strict';

  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-poll]'));
  if (rows.length === 0) {
    return;
  }

  function show(row, item) {
    var progress = row.querySelector('progress');
    var phase = row.querySelector('.phase');
    if (item.planned !== undefined) {
      progress.max = Math.max(1, item.planned);
      progress.value = item.done;
      progress.textContent = item.done + ' of ' + item.planned;
      phase.textContent = item.done + ' of ' + item.planned;
    } else {
      progress.value = item.progress;
      progress.textContent = item.progress + ' %';
      phase.textContent = item.phase + ' (' + item.progress + ' %)';
    }
  }

  function poll(row) {
    var request = new XMLHttpRequest();
    request.open('GET', row.getAttribute('data-poll'));
    request.setRequestHeader('Accept', 'application/json');
    request.onload = function () {
      if (request.status !== 200) {
        return;
      }
      var item = JSON.parse(request.responseText);
      if (item.state !== 'running') {
        // Without the query that said "started", so the notice does not outlive the run.
        window.location.replace(window.location.pathname);
        return;
      }
      show(row, item);
      window.setTimeout(function () { poll(row); }, 1000);
    };
    request.send();
  }

  rows.forEach(poll);
}());

// Operations and compliance pages: follows every running backup run, reconcile, snapshot restore,
// compliance report and restore drill (rows with data-poll and data-kind) through the API (GET, so no
// CSRF token is needed), shows its progress in place, and reloads the page when one ends so its
// result shows in full, without the query that said "started". The pages work without this script;
// they then show the state as of their last load.
(function () {
  'use strict';

  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-poll]'));
  var PHASES = ['manifests', 'catalog', 'blobs', 'journal'];

  function text(row, value) {
    var phase = row.querySelector('.phase');
    if (phase) {
      phase.textContent = value;
    }
  }

  function show(row, item) {
    var progress = row.querySelector('progress');
    var kind = row.getAttribute('data-kind');
    if (kind === 'backup') {
      progress.max = Math.max(1, item.planned);
      progress.value = item.documents + item.failed;
      text(row, item.phase + ': ' + (item.documents + item.failed) + ' of ' + item.planned + ' documents' +
        (item.failed ? ', ' + item.failed + ' failed' : ''));
    } else if (kind === 'reconcile') {
      progress.value = Math.max(0, PHASES.indexOf(item.phase));
      text(row, item.phase);
    } else if (kind === 'drill') {
      progress.max = Math.max(1, item.planned);
      progress.value = item.done;
      text(row, item.done + ' of ' + item.planned);
    } else if (kind === 'report') {
      progress.value = item.progress;
      text(row, item.phase + ' (' + item.progress + ' %)');
    } else if (kind === 'restore') {
      var current = (item.steps || []).filter(function (s) { return s.state === 'running'; })[0];
      text(row, current ? current.name + (current.observed && current.observed.length ?
        ' (' + current.observed[current.observed.length - 1] + ')' : '') : item.state);
    }
  }

  function poll(row) {
    var request = new XMLHttpRequest();
    request.open('GET', row.getAttribute('data-poll'));
    request.setRequestHeader('Accept', 'application/json');
    request.onload = function () {
      if (request.status !== 200) {
        text(row, 'progress unavailable (' + request.status + '); reload the page');
        return;
      }
      var item = JSON.parse(request.responseText);
      if (item.state !== 'running') {
        window.location.replace(window.location.pathname);
        return;
      }
      show(row, item);
      window.setTimeout(function () { poll(row); }, 1500);
    };
    request.send();
  }

  rows.forEach(poll);
}());

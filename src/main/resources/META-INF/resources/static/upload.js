// Upload page: sends every chosen or dropped file as its own POST /api/documents, with real upload
// progress, and shows the vault's answer next to each file. One file's refusal never stops the others.
// Each file goes with the SHA-256 the browser computed (x-checksum-sha256), so the vault refuses
// (422) bytes that changed on the way.
(function () {
  'use strict';

  var form = document.getElementById('upload-form');
  if (!form) {
    return;
  }
  var input = document.getElementById('files');
  var drop = document.getElementById('drop-zone');
  var chosen = document.getElementById('chosen');
  var button = document.getElementById('upload-button');
  var results = document.getElementById('upload-results');
  var empty = document.getElementById('no-uploads');
  var token = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  var dropped = [];
  var busy = false;

  function bytes(n) {
    if (n < 1000) {
      return n + ' B';
    }
    var units = ['kB', 'MB', 'GB', 'TB'];
    var value = n;
    var unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return value.toFixed(1) + ' ' + units[unit];
  }

  // Every piece of text from a file name or the server goes in through textContent, never as markup.
  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  }

  function link(href, text, download) {
    var a = element('a', null, text);
    a.href = href;
    if (download) {
      a.setAttribute('download', download);
    }
    return a;
  }

  function pending() {
    return Array.prototype.slice.call(input.files || []).concat(dropped);
  }

  function showChosen() {
    var files = pending();
    if (files.length === 0) {
      chosen.textContent = '';
    } else {
      chosen.textContent = files.length + (files.length === 1 ? ' file' : ' files') + ' ready: ' +
        files.map(function (f) { return f.name + ' (' + bytes(f.size) + ')'; }).join(', ');
    }
  }

  function item(file) {
    var li = element('li');
    li.appendChild(element('div', 'name', file.name));
    li.appendChild(element('div', 'hint', bytes(file.size) + ' (' + file.size + ' bytes)'));
    var row = element('div', 'row');
    var bar = element('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', 'Upload progress of ' + file.name);
    var pct = element('span', 'pct', '0 %');
    row.appendChild(bar);
    row.appendChild(pct);
    li.appendChild(row);
    var status = element('div', 'status', 'Waiting');
    status.setAttribute('role', 'status');
    li.appendChild(status);
    results.appendChild(li);
    empty.hidden = true;
    return { li: li, bar: bar, pct: pct, status: status };
  }

  function progress(view, percent) {
    view.bar.value = percent;
    view.pct.textContent = percent + ' %';
  }

  function succeeded(view, doc, digest) {
    progress(view, 100);
    view.li.classList.add('done');
    view.status.textContent = '';
    view.status.appendChild(element('strong', null, 'Stored. '));
    view.status.appendChild(document.createTextNode('SHA-256 '));
    view.status.appendChild(element('code', 'sha256', doc.sha256));
    if (digest) {
      view.status.appendChild(element('span', 'hint', ' (computed by your browser, confirmed by the vault)'));
    }
    var links = element('div', 'links');
    links.appendChild(link('/documents/' + encodeURIComponent(doc.id), 'Open document'));
    links.appendChild(document.createTextNode(' · '));
    links.appendChild(link('/api/documents/' + encodeURIComponent(doc.id) + '/receipt', 'Download receipt',
      'receipt-' + doc.id + '.json'));
    view.status.appendChild(links);
    if (doc.duplicates && doc.duplicates.length > 0) {
      var warning = element('div', 'duplicate notice');
      warning.appendChild(element('strong', null, 'Already in the vault: '));
      warning.appendChild(document.createTextNode('the same bytes were uploaded before as '));
      doc.duplicates.forEach(function (same, i) {
        if (i > 0) {
          warning.appendChild(document.createTextNode(', '));
        }
        warning.appendChild(link('/documents/' + encodeURIComponent(same.id), same.originalFileName));
      });
      warning.appendChild(document.createTextNode('. This upload was stored as its own record too.'));
      view.status.appendChild(warning);
    }
  }

  function failed(view, xhr) {
    view.li.classList.add('failed');
    var problem = null;
    try {
      problem = JSON.parse(xhr.responseText);
    } catch (ignored) {
      problem = null;
    }
    view.status.textContent = '';
    if (xhr.status === 401) {
      view.status.appendChild(element('strong', 'error', 'Not stored: your session has ended. '));
      view.status.appendChild(link('/login', 'Sign in again'));
      view.status.appendChild(document.createTextNode(' and upload this file again.'));
      return;
    }
    var title = problem && problem.title ? problem.title : 'Upload failed';
    var detail = problem && problem.detail ? problem.detail : (xhr.statusText || 'no answer from the vault');
    view.status.appendChild(element('strong', 'error', 'Not stored: ' + xhr.status + ' ' + title + '. '));
    view.status.appendChild(element('span', 'detail', detail));
  }

  // Web Crypto exists only in secure contexts (https, localhost); elsewhere the file goes without a digest.
  function sha256(file) {
    if (!window.crypto || !window.crypto.subtle || !file.arrayBuffer) {
      return Promise.resolve(null);
    }
    return file.arrayBuffer().then(function (buffer) {
      return window.crypto.subtle.digest('SHA-256', buffer);
    }).then(function (digest) {
      return Array.prototype.map.call(new Uint8Array(digest), function (b) {
        return ('0' + b.toString(16)).slice(-2);
      }).join('');
    }, function () {
      return null;
    });
  }

  function send(file, fields, view) {
    view.status.textContent = 'Computing SHA-256…';
    return sha256(file).then(function (digest) {
      return post(file, fields, view, digest);
    });
  }

  function post(file, fields, view, digest) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append('retentionClass', fields.retentionClass);
      if (fields.description) {
        data.append('description', fields.description);
      }
      if (fields.tags) {
        data.append('tags', fields.tags);
      }
      data.append('file', file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/documents');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('X-CSRF-Token', token);
      if (digest) {
        xhr.setRequestHeader('x-checksum-sha256', digest);
      }
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable && e.total > 0) {
          progress(view, Math.min(100, Math.floor(e.loaded * 100 / e.total)));
        }
      });
      xhr.addEventListener('load', function () {
        if (xhr.status === 201) {
          succeeded(view, JSON.parse(xhr.responseText), digest);
        } else {
          failed(view, xhr);
        }
        resolve();
      });
      xhr.addEventListener('error', function () {
        view.li.classList.add('failed');
        view.status.textContent = 'Not stored: the connection failed before the vault answered. Try this file again.';
        resolve();
      });
      view.status.textContent = 'Uploading…';
      xhr.send(data);
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (busy) {
      return;
    }
    var files = pending();
    if (files.length === 0) {
      chosen.textContent = 'Choose or drop at least one file first.';
      input.focus();
      return;
    }
    var fields = {
      retentionClass: form.elements.retentionClass.value,
      description: form.elements.description.value.trim(),
      tags: form.elements.tags.value.trim()
    };
    var views = files.map(item);
    dropped = [];
    input.value = '';
    showChosen();
    busy = true;
    button.disabled = true;
    // One at a time: the vault fsyncs every file, and the results arrive in the order of the list.
    files.reduce(function (chain, file, i) {
      return chain.then(function () { return send(file, fields, views[i]); });
    }, Promise.resolve()).then(function () {
      busy = false;
      button.disabled = false;
    });
  });

  input.addEventListener('change', showChosen);

  ['dragenter', 'dragover'].forEach(function (name) {
    drop.addEventListener(name, function (e) {
      e.preventDefault();
      drop.classList.add('over');
    });
  });
  ['dragleave', 'drop'].forEach(function (name) {
    drop.addEventListener(name, function (e) {
      e.preventDefault();
      drop.classList.remove('over');
    });
  });
  drop.addEventListener('drop', function (e) {
    if (e.dataTransfer && e.dataTransfer.files) {
      dropped = dropped.concat(Array.prototype.slice.call(e.dataTransfer.files));
      showChosen();
    }
  });
}());

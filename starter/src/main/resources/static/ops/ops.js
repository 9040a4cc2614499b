// Foldwork operations console: plain JavaScript, no build step, no framework.
// Every value from the API reaches the page through textContent or setAttribute, never as HTML.
'use strict';

(function () {
  const KEY_STORE = 'foldwork.ops.key';
  const SAMPLES_STORE = 'foldwork.ops.samples';
  const WINDOW_MS = 15 * 60 * 1000;
  const OVERVIEW_EVERY_TICKS = 5; // a tick is a second

  const $ = (id) => document.getElementById(id);
  const state = { key: null, mode: null, page: 'overview', tick: 0, timer: null, rebuildsRunning: false };

  // ---------- DOM helpers ----------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'className') node.className = value;
      else if (name === 'text') node.textContent = String(value);
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function td(value, className) {
    return el('td', { className: className, text: value === null || value === undefined ? '–' : value });
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function fmtNumber(n) {
    return typeof n === 'number' ? n.toLocaleString('en-US') : (n === null || n === undefined ? '–' : String(n));
  }

  function fmtAge(ms) {
    if (ms === null || ms === undefined) return '–';
    if (ms < 1000) return ms + ' ms';
    const s = ms / 1000;
    if (s < 60) return s.toFixed(1) + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s';
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }

  function fmtTime(ms) {
    return ms ? new Date(ms).toLocaleString() : '–';
  }

  function pretty(value) {
    if (value === null || value === undefined) return '–';
    return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  }

  // ---------- messages ----------

  function showMessage(title, detail, kind) {
    $('message-title').textContent = title || '';
    $('message-detail').textContent = detail || '';
    $('message').className = 'message' + (kind === 'info' ? ' info' : '');
    $('message').hidden = false;
  }

  function showError(error) {
    const problem = error && error.problem;
    if (problem && (problem.title || problem.detail)) {
      showMessage(problem.title || ('HTTP ' + error.status), problem.detail || '', 'error');
    } else {
      showMessage('Request failed', error && error.message ? error.message : String(error), 'error');
    }
  }

  function hideMessage() {
    $('message').hidden = true;
  }

  // ---------- API ----------

  class ApiError extends Error {
    constructor(status, problem, text) {
      super((problem && (problem.detail || problem.title)) || ('HTTP ' + status + (text ? ': ' + text.slice(0, 200) : '')));
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(method, path, body) {
    const headers = { 'Authorization': 'Bearer ' + state.key, 'Accept': 'application/json, application/problem+json' };
    const init = { method: method, headers: headers, cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, { title: 'service unreachable', detail: String(e.message || e) });
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
    if (!response.ok) {
      const error = new ApiError(response.status, data, text);
      if (response.status === 401) signOut(error);
      throw error;
    }
    return data;
  }

  function query(params) {
    const parts = [];
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') {
        parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(value));
      }
    }
    return parts.length ? '?' + parts.join('&') : '';
  }

  // ---------- sign in / out ----------

  async function signIn(event) {
    event.preventDefault();
    const key = $('login-key').value.trim();
    if (!key) return;
    state.key = key;
    let failure = null;
    try {
      await api('GET', '/api/v1/admin/overview');
    } catch (error) {
      if (error.status === 401 || error.status === 403) {
        state.key = null;
        showError(error);
        return;
      }
      failure = error; // another failure (say an older service without the overview): the key may still be fine
    }
    sessionStorage.setItem(KEY_STORE, key);
    $('login-key').value = '';
    if (failure) showError(failure); else hideMessage();
    openConsole();
  }

  function signOut(error) {
    sessionStorage.removeItem(KEY_STORE);
    state.key = null;
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
    $('console').hidden = true;
    $('logout').hidden = true;
    $('mode').hidden = true;
    $('refreshed').textContent = '';
    $('login').hidden = false;
    if (error) showError(error);
  }

  function openConsole() {
    $('login').hidden = true;
    $('console').hidden = false;
    $('logout').hidden = false;
    const fromHash = location.hash.replace('#', '');
    showPage(document.querySelector('.tabs [data-page="' + CSS.escape(fromHash) + '"]') ? fromHash : 'overview');
    refreshOverview();
    if (!state.timer) state.timer = setInterval(onTick, 1000);
  }

  function onTick() {
    state.tick++;
    if (state.tick % OVERVIEW_EVERY_TICKS === 0) refreshOverview();
    if (state.page === 'rebuilds' && (state.rebuildsRunning || state.tick % OVERVIEW_EVERY_TICKS === 0)) refreshRebuilds();
  }

  // ---------- tabs ----------

  function showPage(page) {
    state.page = page;
    for (const tab of document.querySelectorAll('.tabs [data-page]')) {
      tab.setAttribute('aria-selected', String(tab.dataset.page === page));
    }
    for (const section of document.querySelectorAll('.page')) {
      section.hidden = section.id !== 'page-' + page;
    }
    if (location.hash !== '#' + page) history.replaceState(null, '', '#' + page);
    if (page === 'parked') parked.load(false);
    if (page === 'dead-letters') deadLetters.load(false);
    if (page === 'rebuilds') refreshRebuilds();
  }

  // ---------- overview ----------

  function loadSamples() {
    try {
      const samples = JSON.parse(sessionStorage.getItem(SAMPLES_STORE) || '[]');
      return Array.isArray(samples) ? samples : [];
    } catch (e) {
      return [];
    }
  }

  function addSample(sample) {
    const since = Date.now() - WINDOW_MS;
    const samples = loadSamples().filter((s) => s.t >= since);
    samples.push(sample);
    sessionStorage.setItem(SAMPLES_STORE, JSON.stringify(samples));
    return samples;
  }

  let overviewInFlight = false;

  async function refreshOverview() {
    if (overviewInFlight || !state.key) return;
    overviewInFlight = true;
    try {
      const overview = await api('GET', '/api/v1/admin/overview');
      renderOverview(overview || {});
    } catch (error) {
      if (error.status !== 401) showError(error);
    } finally {
      overviewInFlight = false;
    }
  }

  function renderOverview(overview) {
    state.mode = overview.mode || null;
    $('mode').textContent = (overview.mode || '?') + ' mode';
    $('mode').hidden = false;
    $('refreshed').textContent = 'refreshed ' + new Date().toLocaleTimeString();
    $('overview-generated').textContent = overview.generatedAt ? '(generated ' + overview.generatedAt + ')' : '';

    const rows = Array.isArray(overview.rows) ? overview.rows : [];
    const body = $('overview-table').tBodies[0];
    clear(body);
    let perMinute = 0;
    let behind = 0;
    for (const row of rows) {
      const lag = row.foldLag || {};
      perMinute += Number(row.eventsLastMinute) || 0;
      behind += Number(lag.eventsBehind) || 0;
      body.appendChild(el('tr', { 'data-tenant': row.tenant, 'data-pipeline': row.pipeline },
        td(row.pipeline), td(row.tenant),
        td(fmtNumber(row.eventsLastMinute), 'num'), td(fmtNumber(row.eventsLastHour), 'num'),
        td(fmtNumber(lag.eventsBehind), 'num'), td(fmtAge(lag.oldestLagAgeMs), 'num'),
        td(fmtNumber(row.parked), 'num'), td(fmtNumber(row.deadLetters), 'num')));
    }
    $('overview-empty').hidden = rows.length > 0;

    const facts = $('overview-extra');
    clear(facts);
    const fact = (name, value) => { facts.appendChild(el('dt', { text: name })); facts.appendChild(el('dd', { text: value })); };
    fact('Mode', overview.mode || '–');
    if (overview.redis) {
      fact('Jobs queued', fmtNumber(overview.redis.depth));
      fact('Oldest ready job', fmtAge(overview.redis.oldestReadyAgeMs));
    }
    if (overview.temporal) {
      fact('Open fold workflows', fmtNumber(overview.temporal.openFoldWorkflows));
    }
    fact('Events/s (last min)', (perMinute / 60).toFixed(2));
    fact('Events behind', fmtNumber(behind));

    drawChart(addSample({ t: Date.now(), rate: perMinute / 60, lag: behind }));
    updateQueueNotes();
  }

  const SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function drawChart(samples) {
    const chart = $('overview-chart');
    clear(chart);
    const width = 900, height = 180, left = 50, right = 60, top = 10, bottom = 22;
    const plotW = width - left - right, plotH = height - top - bottom;
    const now = Date.now(), start = now - WINDOW_MS;
    const maxRate = Math.max(1, ...samples.map((s) => s.rate));
    const maxLag = Math.max(1, ...samples.map((s) => s.lag));
    for (let i = 0; i <= 4; i++) {
      const y = top + (plotH * i) / 4;
      chart.appendChild(svg('line', { x1: left, x2: left + plotW, y1: y, y2: y, class: 'grid' }));
    }
    chart.appendChild(svg('text', { x: 4, y: top + 10 }, maxRate.toFixed(1) + '/s'));
    chart.appendChild(svg('text', { x: 4, y: top + plotH }, '0'));
    chart.appendChild(svg('text', { x: left + plotW + 6, y: top + 10 }, fmtNumber(Math.round(maxLag))));
    chart.appendChild(svg('text', { x: left + plotW + 6, y: top + plotH }, '0'));
    chart.appendChild(svg('text', { x: left, y: height - 4 }, '-15 min'));
    chart.appendChild(svg('text', { x: left + plotW - 24, y: height - 4 }, 'now'));
    const x = (t) => (left + ((t - start) / WINDOW_MS) * plotW).toFixed(1);
    const line = (field, max, cls) => {
      const y = (s) => (top + plotH - (s[field] / max) * plotH).toFixed(1);
      chart.appendChild(svg('polyline', { points: samples.map((s) => x(s.t) + ',' + y(s)).join(' '), class: cls }));
      if (samples.length <= 30) { // few samples yet: mark each, so a short history is visible
        for (const s of samples) chart.appendChild(svg('circle', { cx: x(s.t), cy: y(s), r: 3, class: cls + ' dot' }));
      }
    };
    line('rate', maxRate, 'rate');
    line('lag', maxLag, 'lag');
  }

  // ---------- parked aggregates (every mode) and dead letters (Redis mode) ----------

  function updateQueueNotes() {
    if (state.mode && state.mode !== 'redis') {
      deadLetters.note('Dead letters are kept by the Redis mode only; this service runs the ' + state.mode + ' mode'
        + (state.mode === 'temporal' ? ', where a fold that fails parks in its Temporal workflow: see the Parked tab.'
          : ', where a fold that fails parks its aggregate: see the Parked tab.'));
    }
  }

  function queueList(config) {
    const p = config.prefix;
    const selected = new Set();
    let cursor = null;
    let loading = false;

    function filters() {
      const values = {};
      for (const field of config.filterFields) values[field] = $(p + '-' + field).value.trim();
      return values;
    }

    function note(text) {
      $(p + '-note').textContent = text;
      $(p + '-note').hidden = false;
      $(p + '-table').hidden = true;
      $(p + '-filter').hidden = true;
      $(p + '-actions').hidden = true;
      $(p + '-empty').hidden = true;
      $(p + '-more').hidden = true;
      for (const action of config.actions) $(action.id).disabled = true;
      $(p + '-select-all').disabled = true;
    }

    function syncButtons() {
      for (const action of config.actions) $(action.id).disabled = selected.size === 0;
      if (config.filterAction) $(config.filterAction.id).disabled = false;
      const boxes = document.querySelectorAll('#' + p + '-table tbody input[type=checkbox]');
      $(p + '-select-all').checked = boxes.length > 0 && selected.size === boxes.length;
      $(p + '-count').textContent = boxes.length + ' shown' + (selected.size ? ', ' + selected.size + ' selected' : '');
      $(p + '-empty').hidden = boxes.length > 0;
    }

    function disableActions() {
      for (const action of config.actions) $(action.id).disabled = true;
      if (config.filterAction) $(config.filterAction.id).disabled = true;
      for (const button of document.querySelectorAll('#' + p + '-table tbody button')) button.disabled = true;
    }

    async function load(more) {
      if (loading) return;
      if (config.redisOnly && state.mode && state.mode !== 'redis') { updateQueueNotes(); return; }
      loading = true;
      try {
        const page = await api('GET', config.path + query(Object.assign({ limit: 100, cursor: more ? cursor : null }, filters())));
        $(p + '-note').hidden = true;
        $(p + '-table').hidden = false;
        $(p + '-filter').hidden = false;
        $(p + '-actions').hidden = false;
        $(p + '-select-all').disabled = false;
        const body = $(p + '-table').tBodies[0];
        if (!more) { clear(body); selected.clear(); }
        for (const item of (page && page.items) || []) body.appendChild(row(item));
        cursor = page ? page.nextCursor : null;
        $(p + '-more').hidden = !cursor;
        if (config.pageInfo) {
          const info = config.pageInfo(page || {});
          $(p + '-scan').textContent = info;
          $(p + '-scan').hidden = !info;
        }
        syncButtons();
      } catch (error) {
        if (error.status === 404) note((error.problem && error.problem.detail) || 'Not available in this mode.');
        else showError(error);
      } finally {
        loading = false;
      }
    }

    function row(item) {
      const key = item[config.keyField];
      const box = el('input', { type: 'checkbox', 'aria-label': 'select ' + key, 'data-key': key });
      const tr = el('tr', { 'data-key': key }, el('td', {}, box), ...config.cells(item));
      if (config.rowActions) {
        tr.appendChild(el('td', { className: 'row-actions' }, ...config.rowActions.map((action) => {
          const refusal = action.refused ? action.refused(item) : null;
          return el('button', {
            type: 'button', className: action.className, 'data-key': key, disabled: refusal ? true : false,
            title: refusal || action.title, onclick: () => perform(action.action, action.body(item), 1, action.confirm && action.confirm(item)),
          }, action.label);
        })));
      }
      box.addEventListener('change', () => {
        if (box.checked) selected.add(key); else selected.delete(key);
        tr.classList.toggle('selected', box.checked);
        syncButtons();
      });
      return tr;
    }

    function selectAll(checked) {
      for (const box of document.querySelectorAll('#' + p + '-table tbody input[type=checkbox]')) {
        box.checked = checked;
        box.dispatchEvent(new Event('change'));
      }
    }

    /** Posts one action and shows its count (of {@code total}, when the targets were named) or the API's problem. */
    async function perform(action, body, total, question) {
      if (question && !window.confirm(question)) return;
      disableActions();
      try {
        const result = await api('POST', action.path, body);
        const count = result ? result[action.counts] : undefined;
        const canary = result && result.canary && result.canary.outcome ? ' (canary ' + result.canary.item + ': ' + result.canary.outcome + ')' : '';
        showMessage(action.done, (count === undefined ? '' : (total === null ? String(count) : count + ' of ' + total)) + canary, 'info');
      } catch (error) {
        showError(error);
      }
      await load(false);
    }

    function runSelected(action) {
      if (selected.size === 0) return;
      const body = {};
      body[config.idsField] = Array.from(selected);
      perform(action, body, selected.size, action.confirm ? action.confirm(selected.size) : null);
    }

    function runFilter(action) {
      const filter = {};
      for (const [name, value] of Object.entries(filters())) if (value) filter[name] = value;
      const body = action.body(filter);
      perform(action, body, null, action.confirm ? action.confirm(filter, body) : null);
    }

    $(p + '-filter').addEventListener('submit', (event) => { event.preventDefault(); load(false); });
    $(p + '-more').addEventListener('click', () => load(true));
    $(p + '-select-all').addEventListener('change', (event) => selectAll(event.target.checked));
    for (const action of config.actions) $(action.id).addEventListener('click', () => runSelected(action));
    if (config.filterAction) $(config.filterAction.id).addEventListener('click', () => runFilter(config.filterAction));
    return { load: load, note: note };
  }

  function since(ms) {
    if (!ms) return '–';
    return fmtTime(ms) + ' (' + fmtAge(Math.max(0, Date.now() - ms)) + ' ago)';
  }

  /** The cell naming a parked group: its group, and the aggregate (and Temporal workflow) where the mode tells them. */
  function groupCell(item) {
    const cell = el('td', { className: 'wrap' }, el('span', { className: 'mono', text: item.group || '–' }));
    if (item.aggregateId) {
      cell.appendChild(el('span', { className: 'sub', text: [item.tenant, item.pipeline, (item.aggregateType || '') + ' ' + item.aggregateId]
        .filter((part) => part).join(' · ') }));
    }
    if (item.workflowId) cell.appendChild(el('span', { className: 'sub mono', text: 'workflow ' + item.workflowId }));
    return cell;
  }

  function foldCell(item) {
    if (item.projection) return td(item.projection);
    if (item.jobId) return el('td', { className: 'mono' }, el('span', { className: 'muted', text: 'job ' }), item.jobId);
    return td(null);
  }

  const skipConsequence = () => (state.mode === 'redis' || !state.mode
    ? 'Its failed head job moves to the dead letters and the group goes on.'
    : 'The fold records the skip and goes on with the events behind it.');

  const RETRY_PARKED = { path: '/api/v1/admin/parked/retry', counts: 'retried', done: 'Retried parked aggregates:' };
  const SKIP_PARKED = { path: '/api/v1/admin/parked/skip', counts: 'skipped', done: 'Skipped failed events:' };

  const parked = queueList({
    prefix: 'parked', path: '/api/v1/admin/parked', keyField: 'group', idsField: 'groups',
    filterFields: ['tenant', 'pipeline', 'projection', 'group', 'error'],
    cells: (item) => [groupCell(item), foldCell(item), td(item.eventId, 'mono wrap'), td(item.attempts, 'num'),
      td(item.error, 'wrap'), td(since(item.parkedAtMillis))],
    pageInfo: (page) => (page.complete === false
      ? 'Examined ' + fmtNumber(page.examined) + ' fold workflows, not all of them: more may be parked. Narrow the filter to see them.'
      : ''),
    rowActions: [
      { label: 'Retry', className: 'row-retry', title: 'Run the failed event again', action: RETRY_PARKED,
        body: (item) => ({ groups: [item.group] }) },
      { label: 'Skip', className: 'row-skip danger', title: 'Go on without the failed event', action: SKIP_PARKED,
        refused: (item) => (item.skippable === false ? 'Only a retry resolves this park' : null),
        body: (item) => (item.eventId ? { groups: [item.group], eventId: item.eventId } : { groups: [item.group] }),
        confirm: (item) => 'Skip ' + (item.eventId ? 'event ' + item.eventId : 'the failed head job') + ' of ' + item.group + '? '
          + skipConsequence() },
    ],
    actions: [
      Object.assign({ id: 'parked-retry' }, RETRY_PARKED),
      Object.assign({ id: 'parked-skip', confirm: (n) => 'Skip the failed event of ' + n + ' parked group(s)? ' + skipConsequence() }, SKIP_PARKED),
    ],
    filterAction: Object.assign({
      id: 'parked-retry-filter',
      body: (filter) => ({ filter: filter, canary: $('parked-canary').checked }),
      confirm: (filter, body) => 'Retry every parked aggregate matching '
        + (Object.keys(filter).length ? Object.entries(filter).map(([k, v]) => k + '=' + v).join(', ') : 'no filter (all of them)')
        + (body.canary ? ', one canary first (the rest only once it ran through)?' : ', all at once?'),
    }, RETRY_PARKED),
  });

  const deadLetters = queueList({
    prefix: 'dead', path: '/api/v1/admin/dead-letters', keyField: 'id', idsField: 'ids', redisOnly: true,
    filterFields: ['tenant', 'pipeline', 'projection', 'error'],
    cells: (item) => [td(item.id, 'mono'), td(item.group, 'wrap mono'), td(item.attempts, 'num'),
      td(item.error, 'wrap'), td(fmtTime(item.diedAtMillis))],
    actions: [
      { id: 'dead-retry', path: '/api/v1/admin/dead-letters/retry', counts: 'retried', done: 'Retried dead letters:' },
      { id: 'dead-discard', path: '/api/v1/admin/dead-letters/discard', counts: 'discarded', done: 'Discarded dead letters:',
        confirm: (n) => 'Discard ' + n + ' dead letter(s)? They are deleted.' },
    ],
  });

  // ---------- rebuilds ----------

  let rebuildsInFlight = false;

  async function refreshRebuilds() {
    if (rebuildsInFlight || !state.key) return;
    rebuildsInFlight = true;
    try {
      const page = await api('GET', '/api/v1/admin/rebuilds?limit=100');
      renderRebuilds((page && page.items) || []);
    } catch (error) {
      if (error.status !== 401) showError(error);
    } finally {
      rebuildsInFlight = false;
    }
  }

  function percent(rebuild) {
    if (rebuild.status === 'done') return 100;
    if (!rebuild.eventsTotal) return 0;
    return Math.max(0, Math.min(100, Math.floor((rebuild.eventsDone / rebuild.eventsTotal) * 100)));
  }

  function renderRebuilds(rebuilds) {
    const body = $('rebuilds-table').tBodies[0];
    clear(body);
    state.rebuildsRunning = false;
    for (const rebuild of rebuilds) {
      const running = rebuild.status === 'running';
      state.rebuildsRunning = state.rebuildsRunning || running;
      const pct = percent(rebuild);
      const bar = el('div', {
        className: 'progress progress-bar ' + rebuild.status, role: 'progressbar',
        'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': pct,
        'aria-label': 'rebuild ' + rebuild.id + ' progress',
      }, el('div', { className: 'progress-fill', style: 'width: ' + pct + '%' }),
        el('span', { className: 'progress-label', text: fmtNumber(rebuild.eventsDone) + ' / ' + fmtNumber(rebuild.eventsTotal) + ' (' + pct + '%)' }));
      const status = el('td', {}, el('span', { className: 'status ' + rebuild.status, text: rebuild.status }));
      if (rebuild.error) status.appendChild(el('div', { className: 'muted small', text: rebuild.error }));
      const cancel = running ? el('button', {
        type: 'button', className: 'danger rebuild-cancel', 'data-id': rebuild.id,
        onclick: () => cancelRebuild(rebuild.id),
      }, 'Cancel') : null;
      body.appendChild(el('tr', { 'data-id': rebuild.id, 'data-status': rebuild.status },
        td(rebuild.id, 'mono'), td(rebuild.projection), td(rebuild.tenant), td(rebuild.aggregateId || 'all'),
        status, el('td', {}, bar), td(rebuild.eventsPerSecond, 'num'), td(fmtTime(rebuild.startedAtMs)),
        el('td', {}, cancel)));
    }
    $('rebuilds-empty').hidden = rebuilds.length > 0;
  }

  async function startRebuild(event) {
    event.preventDefault();
    const projection = $('rebuild-projection').value.trim();
    const body = { tenant: $('rebuild-tenant').value.trim() };
    const aggregateId = $('rebuild-aggregate').value.trim();
    if (aggregateId) body.aggregateId = aggregateId;
    try {
      const started = await api('POST', '/api/v1/admin/projections/' + encodeURIComponent(projection) + '/rebuild', body);
      showMessage('Rebuild started:', started && started.id, 'info');
      state.rebuildsRunning = true;
      await refreshRebuilds();
    } catch (error) {
      showError(error);
    }
  }

  async function cancelRebuild(id) {
    if (!window.confirm('Cancel rebuild ' + id + '? The states it swapped in stay.')) return;
    try {
      await api('POST', '/api/v1/admin/rebuilds/' + encodeURIComponent(id) + '/cancel');
      showMessage('Rebuild cancelled:', id, 'info');
    } catch (error) {
      showError(error);
    }
    await refreshRebuilds();
  }

  // ---------- aggregate ----------

  const aggregate = { path: null, cursor: null };

  async function showAggregate(event) {
    event.preventDefault();
    aggregate.path = '/api/v1/admin/aggregates/' + [$('aggregate-tenant').value, $('aggregate-pipeline').value, $('aggregate-id').value]
      .map((part) => encodeURIComponent(part.trim())).join('/');
    await loadAggregate(false);
  }

  async function loadAggregate(more) {
    try {
      const view = await api('GET', aggregate.path + query({ limit: 100, cursor: more ? aggregate.cursor : null }));
      renderAggregate(view || {}, more);
    } catch (error) {
      showError(error);
    }
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url, location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function renderAggregate(view, more) {
    $('aggregate-result').hidden = false;
    $('aggregate-title').textContent = (view.aggregateType || 'aggregate') + ' ' + (view.aggregateId || '')
      + ' (tenant ' + (view.tenant || '?') + ', pipeline ' + (view.pipeline || '?') + ')';
    const link = $('aggregate-link');
    clear(link);
    if (view.temporal && view.temporal.workflowId) {
      const href = view.temporal.url ? safeUrl(view.temporal.url) : null;
      link.appendChild(document.createTextNode('Temporal workflow: '));
      link.appendChild(href
        ? el('a', { id: 'aggregate-temporal-link', href: href, target: '_blank', rel: 'noopener noreferrer', text: view.temporal.workflowId })
        : el('code', { text: view.temporal.workflowId }));
    } else if (view.redis && view.redis.group) {
      link.appendChild(document.createTextNode('Redis group: '));
      link.appendChild(el('code', { id: 'aggregate-redis-group', text: view.redis.group }));
    } else {
      link.appendChild(el('span', { className: 'muted', text: 'Folded in this process (memory mode).' }));
    }

    const folds = $('aggregate-folds').tBodies[0];
    clear(folds);
    for (const fold of view.folds || []) {
      folds.appendChild(el('tr', { 'data-fold': fold.fold }, td(fold.fold), el('td', {}, el('pre', { text: pretty(fold.checkpoint) })),
        el('td', {}, el('pre', { text: pretty(fold.state) }))));
    }
    if (!(view.folds || []).length) folds.appendChild(el('tr', {}, el('td', { colspan: 3, className: 'muted', text: 'No fold state.' })));

    const events = view.events || {};
    const body = $('aggregate-events').tBodies[0];
    if (!more) clear(body);
    for (const e of events.items || []) {
      body.appendChild(el('tr', { 'data-seq': e.seq }, td(e.seq, 'num'), td(e.type), td(e.id, 'mono'),
        el('td', { className: 'wrap' }, el('pre', { text: pretty(e.payload) }))));
    }
    aggregate.cursor = events.nextCursor || null;
    $('aggregate-more').hidden = !aggregate.cursor;
  }

  // ---------- start ----------

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', signIn);
    $('logout').addEventListener('click', () => { signOut(null); hideMessage(); });
    $('message-close').addEventListener('click', hideMessage);
    for (const tab of document.querySelectorAll('.tabs [data-page]')) {
      tab.addEventListener('click', () => showPage(tab.dataset.page));
    }
    $('rebuild-form').addEventListener('submit', startRebuild);
    $('aggregate-form').addEventListener('submit', showAggregate);
    $('aggregate-more').addEventListener('click', () => loadAggregate(true));
    drawChart(loadSamples());
    state.key = sessionStorage.getItem(KEY_STORE);
    if (state.key) openConsole();
  });
})();

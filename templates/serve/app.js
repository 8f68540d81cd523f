// qb-serve's page: upload a draft or a package, show the report of POST /api/check.
// Everything that comes from a document (names, quotes, messages) goes into the page
// through textContent, never as HTML; the page loads nothing but itself (CSP 'self').
'use strict';
(function () {
  const T = {
    zh: {
      title: '质量标杆申报材料自查', lang: 'English',
      intro: '把典型经验材料（.docx）或整个申报包（.rar、.zip、.7z）拖到下面，即可看到按征集通知要求检查的结果：各部分字数、格式问题及修改方法。',
      edition: '规则版本', drop: '把文件拖放到这里', or: '或', choose: '选择文件',
      hint: '文件只用于本次检查，检查完即删除；批注版和卷宗保留片刻供下载。',
      counts: '各部分字数', findings: '发现的问题', downloads: '下载',
      footer: '字数按 Word“字数统计”的方法计算。本页不向任何外部网站发送数据。',
      uploading: '正在上传', checking: '正在检查…', pass: '通过：未发现错误', fail: '不通过：请按下列问题修改',
      error: '无法处理', summary: (e, w) => `错误 ${e} 处，警告 ${w} 处`, none: '未发现问题。',
      notFound: '未找到', limit: '上限', paragraph: (n) => `第 ${n} 段`,
      annotated: '批注版.docx（每个问题作为 Word 批注）', dossier: '卷宗.pdf（评审用）', json: '检查结果 JSON',
      kept: (s) => `下载链接保留 ${Math.round(s / 60)} 分钟。`, badType: '请上传 .docx、.rar、.zip 或 .7z 文件',
      failed: '检查失败', network: '网络错误，未能上传', sev: { error: '错误', warning: '警告', info: '提示' },
      sections: { title: '标题', abstract: '摘要', overview: '企业概况', practice: '推进和应用情况', results: '实施效果' },
    },
    en: {
      title: 'Quality Benchmark application pre-check', lang: '中文',
      intro: 'Drop the typical-experience write-up (.docx) or the whole package (.rar, .zip, .7z) below to see what the call\'s rules find: each section\'s count, format problems and how to fix them.',
      edition: 'Edition', drop: 'Drop the file here', or: 'or', choose: 'Choose a file',
      hint: 'The file is used for this check only and deleted afterwards; the annotated copy and the dossier stay a short while for download.',
      counts: 'Counts per section', findings: 'Findings', downloads: 'Downloads',
      footer: 'Counted as Word\'s word count counts. This page sends nothing to any other site.',
      uploading: 'Uploading', checking: 'Checking…', pass: 'Pass: no errors found', fail: 'Fail: fix the problems below',
      error: 'Could not be processed', summary: (e, w) => `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`, none: 'No findings.',
      notFound: 'not found', limit: 'limit', paragraph: (n) => `paragraph ${n}`,
      annotated: 'Annotated draft (each finding as a Word comment)', dossier: 'Dossier PDF (for the reviewers)', json: 'Report as JSON',
      kept: (s) => `The links stay for ${Math.round(s / 60)} minutes.`, badType: 'Please send a .docx, .rar, .zip or .7z file',
      failed: 'The check failed', network: 'Network error: not uploaded', sev: { error: 'error', warning: 'warning', info: 'info' },
      sections: { title: 'Title', abstract: 'Abstract', overview: 'Company overview', practice: 'Practice and application', results: 'Results' },
    },
  };
  // what each rule family is about, for the group headings
  const RULES = {
    zh: { count: '字数超限', section: '缺少部分', title: '标题命名', format: '格式', package: '申报包', form: '申报书',
      eligibility: '申报条件', document: '文档', render: '卷宗' },
    en: { count: 'over the limit', section: 'missing section', title: 'title naming', format: 'format', package: 'package',
      form: 'application form', eligibility: 'eligibility', document: 'document', render: 'dossier' },
  };
  const SECTIONS = ['title', 'abstract', 'overview', 'practice', 'results'];
  let lang = localStorage.getItem('qb-lang') === 'en' ? 'en' : 'zh';
  let last = null; // {report, id, files, keep}

  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const t = (k) => T[lang][k];

  function applyLang() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
    $('lang').textContent = t('lang');
    $('lang').lang = lang === 'zh' ? 'en' : 'zh-CN';
    if (last) render(last);
  }

  function showError(msg) {
    $('error').textContent = msg;
    $('error').hidden = false;
  }

  async function loadEditions() {
    try {
      const r = await fetch('/api/editions');
      const j = await r.json();
      const sel = $('edition');
      for (const ed of j.editions) {
        const o = el('option', null, ed.title ? `${ed.title}（${ed.name}）` : ed.name);
        o.value = ed.name;
        o.selected = ed.name === j.default;
        sel.appendChild(o);
      }
    } catch (e) { /* the default edition is used */ }
  }

  function upload(file) {
    if (!/\.(docx|rar|zip|7z)$/i.test(file.name)) { showError(t('badType')); return; }
    $('error').hidden = true;
    $('report').hidden = true;
    const fd = new FormData();
    fd.append('file', file);
    if ($('edition').value) fd.append('edition', $('edition').value);
    fd.append('keep', '1');
    const xhr = new XMLHttpRequest();
    const bar = $('bar');
    $('progress').hidden = false;
    bar.value = 0;
    $('stage').textContent = t('uploading');
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      bar.value = Math.round(100 * e.loaded / e.total);
      $('stage').textContent = `${t('uploading')} ${bar.value}%`;
    };
    xhr.upload.onload = () => { bar.removeAttribute('value'); $('stage').textContent = t('checking'); };
    xhr.onerror = () => { $('progress').hidden = true; showError(t('network')); };
    xhr.onload = () => {
      $('progress').hidden = true;
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status !== 200 || !body) {
        const why = body ? (lang === 'en' ? body.error_en : body.error) : xhr.statusText;
        showError(`${t('failed')} (${xhr.status}): ${why || ''}`);
        return;
      }
      last = { report: body, id: xhr.getResponseHeader('X-QB-Result'),
        files: (xhr.getResponseHeader('X-QB-Files') || '').split(','),
        keep: Number(xhr.getResponseHeader('X-QB-Keep-Seconds')) || 0 };
      render(last);
    };
    xhr.open('POST', '/api/check');
    xhr.send(fd);
  }

  function renderCounts(rep) {
    const box = $('counts');
    box.replaceChildren();
    for (const k of SECTIONS) {
      const c = rep.counts[k];
      if (!c) continue;
      const row = el('div', 'count');
      row.dataset.section = k;
      if (!c.found) row.classList.add('missing');
      else if (c.count > c.limit) row.classList.add('over');
      row.appendChild(el('span', 'name', T[lang].sections[k]));
      const track = el('div', 'track');
      const fill = el('div', 'fill');
      fill.style.width = `${Math.min(100, c.limit ? 100 * c.count / c.limit : 0)}%`;
      track.appendChild(fill);
      row.appendChild(track);
      row.appendChild(el('span', 'figure', c.found ? `${c.count} / ${c.limit}` : `${t('notFound')} / ${c.limit}`));
      box.appendChild(row);
    }
  }

  function renderFindings(rep) {
    const box = $('findings');
    box.replaceChildren();
    if (!rep.findings.length) { box.appendChild(el('p', null, t('none'))); return; }
    const groups = new Map();
    for (const f of rep.findings) {
      if (!groups.has(f.rule)) groups.set(f.rule, []);
      groups.get(f.rule).push(f);
    }
    for (const [rule, list] of groups) {
      const g = el('div', 'group');
      g.dataset.rule = rule;
      const h = el('h4');
      const sev = list[0].severity;
      h.appendChild(el('span', `sev ${sev}`, T[lang].sev[sev] || sev));
      h.appendChild(document.createTextNode(RULES[lang][rule.split('.')[0]] || rule));
      h.appendChild(el('span', 'rule', `${rule} × ${list.length}`));
      g.appendChild(h);
      for (const f of list) {
        const p = el('div', 'finding');
        const where = [];
        if (f.section) where.push(T[lang].sections[f.section] || f.section);
        if (f.paragraph) where.push(t('paragraph')(f.paragraph));
        if (where.length) p.appendChild(el('span', 'where', where.join(' ')));
        if (f.excerpt) p.appendChild(el('q', null, f.excerpt));
        p.appendChild(el('span', 'msg', lang === 'en' ? f.message_en : f.message));
        g.appendChild(p);
      }
      box.appendChild(g);
    }
  }

  function renderDownloads(r) {
    const ul = $('downloads');
    ul.replaceChildren();
    if (!r.id) return;
    const items = [['annotated', 'annotated.docx', t('annotated')], ['dossier', 'dossier.pdf', t('dossier')],
      ['json', 'report.json', t('json')]];
    for (const [key, file, label] of items) {
      if (!r.files.includes(key)) continue;
      const li = el('li');
      const a = el('a', null, label);
      a.href = `/api/result/${encodeURIComponent(r.id)}/${file}`;
      a.setAttribute('download', '');
      li.appendChild(a);
      ul.appendChild(li);
    }
    if (r.keep) ul.appendChild(el('li', 'hint', t('kept')(r.keep)));
  }

  function render(r) {
    const rep = r.report;
    const v = $('verdict');
    v.className = rep.status;
    v.textContent = `${t(rep.status) || rep.status} — ${rep.input || ''}`;
    const n = (s) => rep.findings.filter((f) => f.severity === s).length;
    $('summary').textContent = t('summary')(n('error'), n('warning'));
    renderCounts(rep);
    renderFindings(rep);
    renderDownloads(r);
    $('report').hidden = false;
  }

  document.addEventListener('DOMContentLoaded', () => {
    applyLang();
    loadEditions();
    $('lang').addEventListener('click', () => {
      lang = lang === 'zh' ? 'en' : 'zh';
      localStorage.setItem('qb-lang', lang);
      applyLang();
    });
    $('file').addEventListener('change', (e) => { if (e.target.files[0]) upload(e.target.files[0]); });
    const drop = $('drop');
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      if (e.dataTransfer.files[0]) upload(e.dataTransfer.files[0]);
    });
  });
})();

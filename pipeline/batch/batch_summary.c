/* batch_summary.c — the 汇总表's rows, read back from the package folders (so a rerun
 * that checked nothing rebuilds the same summary), and the four summary files written
 * under temporary names and renamed into place. */
#include "batch_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

#define PROBLEMS_LISTED 3

const char *qb_batch_col(int i, int en)
{
    static const char *const zh[QB_BATCH_NCOLS] = {
        "序号", "申报单位", "文件名", "遴选范围", "质量标杆名称", "联系人", "联系电话", "收件时间", "逾期", "状态",
        "结论", "错误", "警告", "标题字数", "摘要字数", "企业概况字数", "推进和应用情况字数", "实施效果字数", "主要问题"};
    static const char *const eng[QB_BATCH_NCOLS] = {
        "No.", "Applicant", "File", "Scope", "Benchmark", "Contact", "Phone", "Received", "Late", "State",
        "Result", "Errors", "Warnings", "Title", "Abstract", "Overview", "Practice", "Results", "Main problems"};
    return i >= 0 && i < QB_BATCH_NCOLS ? (en ? eng[i] : zh[i]) : "";
}

const char *qb_batch_state(const qb_batch_row *r, int en)
{
    return r->superseded ? (en ? "superseded" : "已被替代") : (en ? "current" : "当前");
}

const char *qb_batch_late(const qb_batch_row *r, int en)
{
    return r->late ? (en ? "late" : "逾期") : "";
}

const char *qb_batch_verdict(const char *status, int en)
{
    if (strcmp(status, "pass") == 0)
        return en ? "pass" : "通过";
    if (strcmp(status, "fail") == 0)
        return en ? "fail" : "不通过";
    return en ? "not processed" : "无法处理";
}

static json_t *load(const char *dir, const char *name)
{
    char *p = qb_asprintf("%s/%s", dir, name);
    json_error_t err;
    json_t *j = p ? json_load_file(p, 0, &err) : NULL;
    free(p);
    if (j && !json_is_object(j)) {
        json_decref(j);
        j = NULL;
    }
    return j;
}

static int exists(const char *dir, const char *name)
{
    char *p = qb_asprintf("%s/%s", dir, name);
    int ok = p && access(p, R_OK) == 0;
    free(p);
    return ok;
}

/* The main problems: the error findings' messages (else the warnings'), the first few;
 * then the stamp's note (a dossier that is missing, or the reason an input was not
 * processed, unless that only restates the first finding as "name：message"). */
static char *problems(json_t *findings, const char *note, int en)
{
    qb_buf b = {0};
    qb_status st = QB_OK;
    const char *sep = en ? "; " : "；", *first = NULL;
    for (int pass = 0; pass < 2 && !first && st == QB_OK; pass++) {
        const char *want = pass ? "warning" : "error";
        size_t n = 0, i;
        json_t *f;
        json_array_foreach(findings, i, f) {
            const char *sev = json_string_value(json_object_get(f, "severity"));
            const char *msg = json_string_value(json_object_get(f, "message"));
            if (!sev || !msg || strcmp(sev, want) != 0)
                continue;
            if (n < PROBLEMS_LISTED && st == QB_OK)
                st = qb_buf_addf(&b, "%s%s", n ? sep : "", msg);
            if (!first)
                first = msg;
            n++;
        }
        if (n > PROBLEMS_LISTED && st == QB_OK)
            st = qb_buf_addf(&b, en ? " … (%zu in all)" : "……（共 %zu 项）", n);
    }
    int said = note && first && strstr(note, first);
    if (note && !said && st == QB_OK)
        st = qb_buf_addf(&b, "%s%s", b.len ? sep : "", note);
    if (st != QB_OK) {
        qb_buf_free(&b);
        return NULL;
    }
    return qb_buf_take(&b);
}

static char *dup_field(json_t *o, const char *k, qb_status *st)
{
    const char *v = json_string_value(json_object_get(o, k));
    char *d = v && *v ? qb_strdup(v) : NULL;
    if (v && *v && !d)
        *st = QB_ERR_NOMEM;
    return d;
}

static qb_status load_row(const char *outbox, const qb_batch_item *it, int en, qb_batch_row *r)
{
    memset(r, 0, sizeof *r);
    r->it = it;
    r->status = "error";
    r->successor = -1;
    r->stray = it->kind == QB_ITEM_LINK || it->kind == QB_ITEM_OTHER;
    char *dir = qb_asprintf("%s/%s", outbox, it->folder);
    if (!dir)
        return QB_ERR_NOMEM;
    json_t *rep = load(dir, QB_BATCH_REPORT_JSON), *stamp = load(dir, QB_BATCH_STAMP);
    const char *note = stamp ? json_string_value(json_object_get(stamp, "note")) : NULL;
    const char *sha = stamp ? json_string_value(json_object_get(stamp, "sha256")) : NULL;
    const char *outcome = stamp ? json_string_value(json_object_get(stamp, "outcome")) : NULL;
    if (sha && strlen(sha) == 64)
        memcpy(r->sha256, sha, 65);
    r->stray |= outcome && strcmp(outcome, "stray") == 0;
    qb_status st = QB_OK;
    r->scope = dup_field(stamp, "scope", &st);
    r->name = dup_field(stamp, "name", &st);
    r->contact = dup_field(stamp, "contact", &st);
    r->phone = dup_field(stamp, "phone", &st);
    if (!rep) {
        r->errors = 1;
        r->problems = qb_strdup(en ? "no result: the package folder is missing or damaged"
                                   : "没有检查结果：该申报包的输出文件夹缺失或已损坏");
        if (!r->problems)
            st = QB_ERR_NOMEM;
    } else {
        /* the batch's verdict (batch_package.c) when it recorded one, else the report's */
        const char *status = stamp ? json_string_value(json_object_get(stamp, "status")) : NULL;
        if (!status)
            status = json_string_value(json_object_get(rep, "status"));
        r->status = status && strcmp(status, "pass") == 0 ? "pass" : status && strcmp(status, "fail") == 0 ? "fail" : "error";
        const char *app = json_string_value(json_object_get(rep, "applicant"));
        r->applicant = app ? qb_strdup(app) : NULL;
        json_t *fs = json_object_get(rep, "findings"), *f;
        size_t i;
        json_array_foreach(fs, i, f) {
            const char *sev = json_string_value(json_object_get(f, "severity"));
            r->errors += sev && strcmp(sev, "error") == 0;
            r->warnings += sev && strcmp(sev, "warning") == 0;
        }
        json_t *counts = json_object_get(rep, "counts");
        for (int s = 0; s < QB_NSEC; s++) {
            json_t *c = json_object_get(counts, qb_sec_key((qb_secid)s));
            r->found[s] = json_is_true(json_object_get(c, "found"));
            r->count[s] = (long)json_integer_value(json_object_get(c, "count"));
            r->limit[s] = (long)json_integer_value(json_object_get(c, "limit"));
        }
        r->problems = problems(fs, note, en);
        if (!r->problems || (app && !r->applicant))
            st = QB_ERR_NOMEM;
    }
    r->has_html = exists(dir, QB_BATCH_REPORT_HTML);
    r->has_pdf = exists(dir, QB_BATCH_DOSSIER);
    if (st == QB_OK && !r->stray && !(r->group = qb_batch_group_key(r->applicant, it->display)))
        st = QB_ERR_NOMEM;
    if (r->group && !*r->group) { /* nothing to group by: a row of its own */
        free(r->group);
        r->group = NULL;
    }
    json_decref(rep);
    json_decref(stamp);
    free(dir);
    return st;
}

/* 逾期: received (Beijing date) after the deadline; a batch.late warning on the row. */
static qb_status flag_late(qb_batch_row *r, int deadline, int en)
{
    if (!deadline || r->stray || qb_batch_received_day(r->it->mtime) <= deadline)
        return QB_OK;
    char when[24];
    qb_batch_received_text(r->it->mtime, when);
    char *p = qb_asprintf(en ? "late: received %s, after the deadline %04d-%02d-%02d%s%s"
                             : "逾期：收件时间 %s 晚于截止日期 %04d-%02d-%02d%s%s",
                          when, deadline / 10000, deadline / 100 % 100, deadline % 100,
                          r->problems && *r->problems ? (en ? "; " : "；") : "", r->problems ? r->problems : "");
    if (!p)
        return QB_ERR_NOMEM;
    free(r->problems);
    r->problems = p;
    r->late = 1;
    r->warnings++;
    return QB_OK;
}

qb_status qb_batch_summary_load(const char *outbox, const qb_batch_list *l, const qb_edition *ed, int en,
                                int deadline, qb_batch_summary *s)
{
    memset(s, 0, sizeof *s);
    s->edition = ed->name;
    s->edition_title = ed->title;
    s->en = en;
    s->deadline = deadline;
    s->created = 1; /* an empty inbox: still a fixed time */
    if (l->n && !(s->v = calloc(l->n, sizeof *s->v)))
        return QB_ERR_NOMEM;
    qb_status st = QB_OK;
    for (size_t i = 0; i < l->n && st == QB_OK; i++) {
        st = load_row(outbox, &l->v[i], en, &s->v[i]);
        s->n++;
        if (st == QB_OK)
            st = flag_late(&s->v[i], deadline, en);
        if (l->v[i].mtime > s->created)
            s->created = l->v[i].mtime;
    }
    if (st == QB_OK) {
        qb_batch_group_rows(s);
        st = qb_batch_sort_rows(s);
    }
    for (size_t i = 0; i < s->n; i++) {
        const qb_batch_row *r = &s->v[i];
        s->superseded += r->superseded;
        s->late += r->late && !r->superseded;
        if (r->superseded)
            continue; /* an earlier version is out of the counts */
        s->pass += strcmp(r->status, "pass") == 0;
        s->fail += strcmp(r->status, "fail") == 0;
        s->error += strcmp(r->status, "error") == 0;
    }
    return st;
}

void qb_batch_summary_free(qb_batch_summary *s)
{
    for (size_t i = 0; i < s->n; i++) {
        qb_batch_row *r = &s->v[i];
        free(r->applicant);
        free(r->scope);
        free(r->name);
        free(r->contact);
        free(r->phone);
        free(r->problems);
        free(r->group);
        free(r->sortkey);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}

static qb_status write_stream(const char *path, const qb_batch_summary *s,
                              qb_status (*fn)(const qb_batch_summary *, FILE *))
{
    FILE *f = fopen(path, "w");
    if (!f)
        return QB_ERR_IO;
    qb_status st = fn(s, f);
    if (fclose(f) != 0 && st == QB_OK)
        st = QB_ERR_IO;
    return st;
}

qb_status qb_batch_summary_write(const char *outbox, const qb_batch_summary *s)
{
    enum { NFILES = 5 };
    static const char *const names[NFILES] = {"summary.csv", "summary.json", "index.html", "changes.json",
                                              "summary.xlsx"};
    static qb_status (*const writers[NFILES - 1])(const qb_batch_summary *, FILE *) = {
        qb_batch_write_csv, qb_batch_write_json, qb_batch_write_index, qb_batch_write_changes};
    char *tmp = qb_asprintf("%s/%ssummary-XXXXXX", outbox, QB_BATCH_TMP_PREFIX);
    if (!tmp)
        return QB_ERR_NOMEM;
    if (!mkdtemp(tmp)) {
        free(tmp);
        return QB_ERR_IO;
    }
    qb_status st = QB_OK;
    char *p[NFILES] = {0};
    for (int i = 0; i < NFILES && st == QB_OK; i++) {
        if (!(p[i] = qb_asprintf("%s/%s", tmp, names[i])))
            st = QB_ERR_NOMEM;
        else if (i < NFILES - 1)
            st = write_stream(p[i], s, writers[i]);
        else
            st = qb_batch_write_xlsx(s, p[i]);
    }
    for (int i = 0; i < NFILES && st == QB_OK; i++) { /* every file complete before any is replaced */
        char *dest = qb_asprintf("%s/%s", outbox, names[i]);
        if (!dest || rename(p[i], dest) != 0)
            st = QB_ERR_IO;
        free(dest);
    }
    for (int i = 0; i < NFILES; i++) {
        if (p[i])
            unlink(p[i]);
        free(p[i]);
    }
    rmdir(tmp);
    free(tmp);
    return st;
}
